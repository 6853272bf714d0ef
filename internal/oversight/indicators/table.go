package indicators

import (
	"encoding/csv"
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"
)

// Table is a report laid out for export: a header row, a row per
// community and a total row, each cell as the viewer may see it.
func (r Report) Table(lang string) [][]string {
	name := func(d Definition, part string) string {
		n := Pick(lang, d.Name.UK, d.Name.EN)
		if part != "" {
			n += ": " + PartName(d.Breakdown, part, lang)
		}
		return n
	}
	header := []string{Pick(lang, "Громада", "Community"), Pick(lang, "КАТОТТГ", "KATOTTG")}
	for _, s := range r.Total {
		header = append(header, name(s.Definition, s.Part))
	}
	rows := [][]string{header}
	for _, c := range r.Communities {
		row := []string{c.Community.Name, c.Community.KatottgCode}
		byKey := map[Key]Cell{}
		for _, s := range c.Cells() {
			byKey[Key{s.Definition.Key, s.Part}] = s.Cell
		}
		for _, s := range r.Total {
			cell, ok := byKey[Key{s.Definition.Key, s.Part}]
			if !ok {
				cell = CellOf(s.Definition, Figure{}, c.RecordAccess)
			}
			row = append(row, cell.Display)
		}
		rows = append(rows, row)
	}
	total := []string{Pick(lang, "Разом", "Total"), ""}
	for _, s := range r.Total {
		total = append(total, s.Cell.Display)
	}
	return append(rows, total)
}

// WriteCSV writes a table as CSV (UTF-8 with a byte-order mark, which
// spreadsheet programs need to read Ukrainian).
func WriteCSV(w io.Writer, table [][]string) error {
	if _, err := w.Write([]byte("\ufeff")); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	if err := cw.WriteAll(table); err != nil {
		return err
	}
	return cw.Error()
}

// WriteXLSX writes a table as a spreadsheet, numbers as numbers.
func WriteXLSX(w io.Writer, sheet string, table [][]string) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	for i, row := range table {
		vals := make([]any, len(row))
		for j, v := range row {
			vals[j] = number(v)
		}
		cell, err := excelize.CoordinatesToCellName(1, i+1)
		if err != nil {
			return err
		}
		if err := f.SetSheetRow(sheet, cell, &vals); err != nil {
			return fmt.Errorf("xlsx row %d: %w", i+1, err)
		}
	}
	_, err := f.WriteTo(w)
	return err
}

// number keeps a plain number numeric in the spreadsheet; "<5", "12.5%"
// and names stay text.
func number(s string) any {
	var f float64
	if _, err := fmt.Sscanf(s, "%g", &f); err == nil && fmt.Sprint(f) == s {
		return f
	}
	return s
}
