package main

import (
	"bytes"
	"time"

	"github.com/turbota/turbota/internal/demo"
)

func init() {
	register(Scenario{Order: 7, Name: "noisy", Run: noisyTenant,
		Promise: "a community-A user with 8 parallel workers: community B's case-list p99 stays within 2× its idle p99"})
}

func noisyTenant(e *Env) error {
	s, err := e.Serve("turbota")
	if err != nil {
		return err
	}
	n := NoisyTenant{URL: s.URL, NoisyEmail: demo.VinnytsiaChildrenServiceEmail,
		QuietEmails: []string{demo.PoltavaChildrenServiceEmail, demo.PoltavaSocialProtectionEmail, demo.PoltavaGuardianshipEmail},
		Password:    e.Password, Workers: 8, QuietRate: 8, Duration: 8 * time.Second, Warmup: 2 * time.Second, MaxRatio: 2}
	fw := &figureWriter{e: e}
	_, err = n.Run(e.Ctx, fw)
	fw.flush()
	return err
}

// figureWriter turns the lines a measurement prints into figures.
type figureWriter struct {
	e   *Env
	buf bytes.Buffer
}

func (w *figureWriter) Write(p []byte) (int, error) {
	w.buf.Write(p)
	for {
		line, err := w.buf.ReadString('\n')
		if err != nil {
			w.buf.WriteString(line) // not a whole line yet
			return len(p), nil
		}
		if line = trimLine(line); line != "" {
			w.e.Figure("%s", line)
		}
	}
}

func (w *figureWriter) flush() {
	if line := trimLine(w.buf.String()); line != "" {
		w.e.Figure("%s", line)
	}
	w.buf.Reset()
}

func trimLine(s string) string { return string(bytes.TrimSpace([]byte(s))) }
