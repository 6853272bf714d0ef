// Package classifier keeps the national classifier of social services:
// the built-in list (names, and only the codes that are verified) and the
// import of the official table by a national administrator.
package classifier

import (
	"context"
	_ "embed"
	"encoding/csv"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/servicetype"
	"github.com/turbota/turbota/tenant"
)

//go:embed services.csv
var defaults string

// codeFormat is the shape of the classifier's codes, e.g. 015.1.
var codeFormat = regexp.MustCompile(`^\d{3}\.\d$`)

// Row is one service of the classifier.
type Row struct {
	Code           string // empty where no code is verified
	NameUK, NameEN string
	Group          servicetype.Group
}

// LoadDefaults adds the built-in services that are missing; it never
// overwrites what an administrator imported.
func LoadDefaults(ctx context.Context, c *ent.Client) error {
	rows, err := Parse(strings.NewReader(defaults))
	if err != nil {
		return fmt.Errorf("built-in classifier: %w", err)
	}
	ctx = tenant.SystemContext(ctx)
	for _, r := range rows {
		exists, err := c.ServiceType.Query().Where(servicetype.NameUk(r.NameUK)).Exist(ctx)
		if err != nil {
			return err
		}
		if !exists {
			if err := create(c, r).Exec(ctx); err != nil {
				return err
			}
		}
	}
	return nil
}

// Import reads the official table (CSV: code,name_uk,name_en,group) and
// updates the classifier in one transaction: a service is matched by its
// code, or by its Ukrainian name; nothing is deleted.
func Import(ctx context.Context, c *ent.Client, r io.Reader) (created, updated int, err error) {
	rows, err := Parse(r)
	if err != nil {
		return 0, 0, err
	}
	ctx = tenant.SystemContext(ctx)
	tx, err := c.Tx(ctx)
	if err != nil {
		return 0, 0, err
	}
	defer tx.Rollback() //nolint:errcheck
	for _, row := range rows {
		existing, err := find(ctx, tx.Client(), row)
		switch {
		case ent.IsNotFound(err):
			err = create(tx.Client(), row).Exec(ctx)
			created++
		case err == nil:
			u := tx.ServiceType.UpdateOne(existing).SetNameUk(row.NameUK).SetNameEn(row.NameEN).SetGroup(row.Group)
			if row.Code != "" {
				u.SetCode(row.Code)
			}
			err = u.Exec(ctx)
			updated++
		}
		if err != nil {
			return 0, 0, fmt.Errorf("service %q: %w", row.NameUK, err)
		}
	}
	return created, updated, tx.Commit()
}

func find(ctx context.Context, c *ent.Client, r Row) (*ent.ServiceType, error) {
	if r.Code != "" {
		st, err := c.ServiceType.Query().Where(servicetype.Code(r.Code)).Only(ctx)
		if !ent.IsNotFound(err) {
			return st, err
		}
	}
	return c.ServiceType.Query().Where(servicetype.NameUk(r.NameUK)).Only(ctx)
}

func create(c *ent.Client, r Row) *ent.ServiceTypeCreate {
	cr := c.ServiceType.Create().SetNameUk(r.NameUK).SetNameEn(r.NameEN).SetGroup(r.Group)
	if r.Code != "" {
		cr.SetCode(r.Code)
	}
	return cr
}

// Parse reads and checks a classifier table, naming the line of a fault.
func Parse(r io.Reader) ([]Row, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = 4
	lines, err := cr.ReadAll()
	if err != nil {
		return nil, err
	}
	if len(lines) == 0 || strings.Join(lines[0], ",") != "code,name_uk,name_en,group" {
		return nil, fmt.Errorf("the first line must be the header code,name_uk,name_en,group")
	}
	rows := make([]Row, 0, len(lines)-1)
	for i, l := range lines[1:] {
		row := Row{Code: strings.TrimSpace(l[0]), NameUK: strings.TrimSpace(l[1]), NameEN: strings.TrimSpace(l[2]),
			Group: servicetype.Group(strings.TrimSpace(l[3]))}
		if err := check(row); err != nil {
			return nil, fmt.Errorf("line %d: %w", i+2, err)
		}
		rows = append(rows, row)
	}
	return rows, nil
}

func check(r Row) error {
	switch {
	case r.Code != "" && !codeFormat.MatchString(r.Code):
		return fmt.Errorf("code %q is not of the form 000.0", r.Code)
	case r.NameUK == "" || r.NameEN == "":
		return fmt.Errorf("both names are needed")
	case servicetype.GroupValidator(r.Group) != nil:
		return fmt.Errorf("group must be SIMPLE or COMPLEX, not %q", r.Group)
	}
	return nil
}
