package documents

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// pages is the text of each page of a PDF, by pdftotext (poppler-utils,
// installed by scripts/ensure-packages.sh).
func pages(t *testing.T, pdf []byte) []string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext is not installed (scripts/ensure-packages.sh)")
	}
	file := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(file, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	p := strings.Split(string(out), "\f")
	return p[:len(p)-1] // a form feed ends every page
}

// sample is a document of rows rows, dated on a fixed day.
func sample(rows int) *Document {
	s := Section{Heading: "Мета 1"}
	for i := range rows {
		s.Rows = append(s.Rows, Row{fmt.Sprintf("Дія %d", i+1), "Відвідування сім'ї та консультування батьків щодо догляду за дитиною"})
	}
	return &Document{Kind: Plan, Title: "Індивідуальний план надання соціальних послуг", Number: "7/2026",
		Date: time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC),
		Issuer: Letterhead{ParentBody: "Вінницька міська рада", Name: "Центр надання соціальних послуг", EDRPOU: "12345678",
			Address: "м. Вінниця"},
		Sections: []Section{s},
		Signers: []Signer{{Role: "Фахівець, який склав план", Name: "Олена Мороз"}, {Role: "Директор центру", Name: "Людмила ШЕВЧУК"},
			{Role: "З планом ознайомлений(-а) і погоджуюсь: отримувач послуг"}},
	}
}

func TestPDFCarriesTheDocument(t *testing.T) {
	pdf, err := PDF(sample(3), "uk")
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(pages(t, pdf), "\n")
	for _, want := range []string{"Вінницька міська рада", "Центр надання соціальних послуг", "код ЄДРПОУ 12345678",
		"№ 7/2026", "07.12.2026", "Індивідуальний план надання соціальних послуг", "Дія 3", "Директор центру", "Людмила ШЕВЧУК",
		"Сторінка 1 з 1"} {
		if !strings.Contains(text, want) {
			t.Errorf("lacks %q:\n%s", want, text)
		}
	}
}

// Whatever the length of the body, the signatures share their page with
// the end of the text: never a page that starts with them.
func TestSignaturesNeverStartAPage(t *testing.T) {
	for rows := 20; rows <= 60; rows++ {
		pdf, err := PDF(sample(rows), "uk")
		if err != nil {
			t.Fatal(err)
		}
		p := pages(t, pdf)
		last := p[len(p)-1]
		if !strings.Contains(last, fmt.Sprintf("Дія %d\n", rows)) && !strings.Contains(last, fmt.Sprintf("Дія %d ", rows)) {
			t.Errorf("%d rows: the last page does not hold the last row with the signatures:\n%s", rows, last)
		}
		for i, page := range p[:len(p)-1] {
			if strings.Contains(page, "Директор центру") {
				t.Errorf("%d rows: signatures on page %d of %d", rows, i+1, len(p))
			}
		}
	}
}

func TestEnglishLabels(t *testing.T) {
	pdf, err := PDF(sample(1), "en")
	if err != nil {
		t.Fatal(err)
	}
	if text := strings.Join(pages(t, pdf), "\n"); !strings.Contains(text, "Page 1 of 1") || !strings.Contains(text, "signature") {
		t.Errorf("English labels:\n%s", text)
	}
}
