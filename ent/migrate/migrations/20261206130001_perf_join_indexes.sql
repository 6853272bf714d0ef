-- The join tables of cases' and reports' children have no community column
-- and their primary keys lead with the case or report: a person's cases and
-- reports (a family member's page, the case detail's members) are found by
-- the person. ent cannot declare an index on an edge's join table.
CREATE INDEX case_file_children_person_id ON case_file_children (person_id);
CREATE INDEX report_children_person_id ON report_children (person_id);
