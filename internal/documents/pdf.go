package documents

import (
	"bytes"
	"strconv"
	"strings"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"

	"github.com/turbota/turbota/web"
)

// The page: A4 with the margins office papers use (left 30 mm for the
// binding), text in 12 pt and a line of 5.5 mm.
const (
	marginLeft, marginTop, marginRight, marginBottom = 30.0, 20.0, 15.0, 20.0
	fontSize, smallSize, titleSize                   = 12.0, 9.5, 14.0
	lineH, smallLineH                                = 5.5, 4.2
	labelW                                           = 60.0
	gap                                              = 3.0
)

// block is a piece of the body that is never split across pages: its
// height is known before it is drawn, so page breaks fall between blocks.
type block struct {
	h        float64
	keepNext bool // a heading: moved to the next page with the block after it
	draw     func(p *fpdf.Fpdf)
}

// PDF renders d as an A4 PDF in lang, with the Go fonts (which cover
// Cyrillic) embedded. The signatures are laid out with the block before
// them: when they do not fit the page, that block moves over with them, so
// a signature block never starts a page alone.
func PDF(d *Document, language string) ([]byte, error) {
	l := Lang(language)
	p := fpdf.New("P", "mm", "A4", "")
	p.SetMargins(marginLeft, marginTop, marginRight)
	p.SetAutoPageBreak(false, marginBottom) // pages are broken between blocks, below
	p.AddUTF8FontFromBytes("go", "", goregular.TTF)
	p.AddUTF8FontFromBytes("go", "B", gobold.TTF)
	p.SetTitle(d.Title, true)
	p.SetCreator("Турбота", true)
	p.SetCreationDate(d.Date)
	p.SetModificationDate(d.Date)
	p.AliasNbPages("{nb}")
	p.SetFooterFunc(func() {
		p.SetY(-marginBottom + 6)
		p.SetFont("go", "", smallSize)
		p.CellFormat(0, smallLineH, strings.Join([]string{d.Title, d.Number}, " № ")+" · "+
			web.LabelFormat(string(l), "official.page", map[string]string{"page": strconv.Itoa(p.PageNo()), "pages": "{nb}"}),
			"", 0, "C", false, 0, "")
	})
	p.AddPage()
	width, height := p.GetPageSize()
	r := renderer{p: p, w: width - marginLeft - marginRight, bottom: height - marginBottom}
	r.heading(d, l)
	body := r.body(d)
	sign := r.signatures(d, l)
	r.place(body, sign)
	var out bytes.Buffer
	err := p.Output(&out)
	return out.Bytes(), err
}

type renderer struct {
	p         *fpdf.Fpdf
	w, bottom float64
}

// lines wraps text to width in the given font.
func (r renderer) lines(text string, w float64, style string, size float64) []string {
	r.p.SetFont("go", style, size)
	var out []string
	for _, para := range strings.Split(text, "\n") {
		if para == "" {
			out = append(out, "")
			continue
		}
		out = append(out, r.p.SplitText(para, w)...)
	}
	return out
}

// heading draws the letterhead, the number and date, and the title.
func (r renderer) heading(d *Document, l lang) {
	p, lh := r.p, d.Issuer
	if lh.ParentBody != "" {
		r.centred(lh.ParentBody, "", smallSize, smallLineH)
	}
	r.centred(cmpOr(lh.Name, l.t("official.noLetterhead")), "B", fontSize, lineH)
	var contact []string
	if lh.Address != "" {
		contact = append(contact, lh.Address)
	}
	if lh.Phone != "" {
		contact = append(contact, l.t("official.phone")+" "+lh.Phone)
	}
	if lh.Email != "" {
		contact = append(contact, lh.Email)
	}
	if lh.EDRPOU != "" {
		contact = append(contact, l.t("official.edrpou")+" "+lh.EDRPOU)
	}
	if len(contact) > 0 {
		r.centred(strings.Join(contact, ", "), "", smallSize, smallLineH)
	}
	y := p.GetY() + 1.5
	p.SetLineWidth(0.5)
	p.Line(marginLeft, y, marginLeft+r.w, y)
	p.SetY(y + 4)
	p.SetFont("go", "", fontSize)
	number := cmpOr(d.Number, "____")
	p.CellFormat(r.w/2, lineH, date(d.Date), "", 0, "L", false, 0, "")
	p.CellFormat(r.w/2, lineH, "№ "+number, "", 1, "R", false, 0, "")
	p.Ln(4)
	r.centred(d.Title, "B", titleSize, lineH+1)
	p.Ln(3)
}

func (r renderer) centred(text, style string, size, h float64) {
	for _, line := range r.lines(text, r.w, style, size) {
		r.p.SetFont("go", style, size)
		r.p.CellFormat(r.w, h, line, "", 1, "C", false, 0, "")
	}
}

// body lays out the sections as blocks: a heading kept with what follows,
// a row per label and value, a paragraph a line at a time.
func (r renderer) body(d *Document) []block {
	var blocks []block
	for _, s := range d.Sections {
		if s.Heading != "" {
			hl := r.lines(s.Heading, r.w, "B", fontSize)
			blocks = append(blocks, block{h: float64(len(hl))*lineH + gap, keepNext: true, draw: func(p *fpdf.Fpdf) {
				p.Ln(gap)
				r.text(hl, marginLeft, "B", fontSize, lineH)
			}})
		}
		for _, row := range s.Rows {
			label := r.lines(row.Label, labelW, "", fontSize)
			value := r.lines(cmpOr(row.Value, "—"), r.w-labelW, "", fontSize)
			n := max(len(label), len(value))
			blocks = append(blocks, block{h: float64(n) * lineH, draw: func(p *fpdf.Fpdf) {
				y := p.GetY()
				r.text(label, marginLeft, "", fontSize, lineH)
				p.SetY(y)
				r.text(value, marginLeft+labelW, "", fontSize, lineH)
				p.SetY(y + float64(n)*lineH)
			}})
		}
		for _, para := range s.Paragraphs {
			for _, line := range r.lines(para, r.w, "", fontSize) {
				blocks = append(blocks, block{h: lineH, draw: func(p *fpdf.Fpdf) {
					r.text([]string{line}, marginLeft, "", fontSize, lineH)
				}})
			}
		}
	}
	return blocks
}

// text draws lines from x down.
func (r renderer) text(lines []string, x float64, style string, size, h float64) {
	r.p.SetFont("go", style, size)
	for _, line := range lines {
		r.p.SetX(x)
		r.p.CellFormat(0, h, line, "", 1, "L", false, 0, "")
	}
}

// signatures is one block: every signer's role, a line to sign on, and
// their name, with the blanks under the lines named.
func (r renderer) signatures(d *Document, l lang) block {
	roleW := r.w * 0.45
	type line struct{ role []string }
	var ls []line
	h := 6.0
	for _, s := range d.Signers {
		role := r.lines(s.Role, roleW, "", fontSize)
		ls = append(ls, line{role})
		h += float64(len(role))*lineH + smallLineH + 5
	}
	return block{h: h, draw: func(p *fpdf.Fpdf) {
		p.Ln(6)
		for i, s := range d.Signers {
			y := p.GetY()
			r.text(ls[i].role, marginLeft, "", fontSize, lineH)
			bottom := p.GetY()
			sigX, nameX := marginLeft+roleW+4, marginLeft+roleW+4+35
			lineY := y + float64(len(ls[i].role))*lineH
			p.SetLineWidth(0.2)
			p.Line(sigX, lineY, sigX+30, lineY)
			p.Line(nameX, lineY, marginLeft+r.w, lineY)
			if s.Name != "" {
				p.SetFont("go", "", fontSize)
				p.SetXY(nameX, lineY-lineH)
				p.CellFormat(marginLeft+r.w-nameX, lineH, s.Name, "", 0, "L", false, 0, "")
			}
			p.SetFont("go", "", smallSize-1.5)
			p.SetXY(sigX, lineY)
			p.CellFormat(30, smallLineH, l.t("print.signature"), "", 0, "C", false, 0, "")
			p.SetXY(nameX, lineY)
			p.CellFormat(marginLeft+r.w-nameX, smallLineH, l.t("print.name"), "", 0, "C", false, 0, "")
			p.SetY(max(bottom, lineY+smallLineH) + 5)
		}
	}}
}

// place draws the blocks, breaking pages between them; a heading goes
// over with the block after it, and the last block with the signatures.
func (r renderer) place(body []block, sign block) {
	p := r.p
	for i, b := range body {
		need := b.h
		if b.keepNext && i+1 < len(body) {
			need += body[i+1].h
		}
		if i == len(body)-1 {
			need += sign.h
		} else if b.keepNext && i+2 == len(body) {
			need += sign.h
		}
		if p.GetY()+need > r.bottom && p.GetY() > marginTop+1 {
			p.AddPage()
		}
		b.draw(p)
	}
	if p.GetY()+sign.h > r.bottom && len(body) == 0 {
		p.AddPage()
	}
	sign.draw(p)
}
