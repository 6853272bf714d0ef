package main

import "time"

func init() {
	register(Scenario{Order: 10, Name: "uploads", Run: concurrentUploads,
		Promise: "ten concurrent 20 MB uploads are all answered and stored, the server's memory under 300 MiB"})
}

// uploadTimeout bounds each upload; an honest answer takes seconds.
const uploadTimeout = 90 * time.Second

func concurrentUploads(e *Env) error {
	s, err := e.Serve("turbota")
	if err != nil {
		return err
	}
	sc := DefaultUploadScenario()
	sc.Timeout = uploadTimeout
	fw := &figureWriter{e: e}
	err = ConcurrentUploads(e.Ctx, Target{Addr: s.Addr, PID: s.PID(), Password: e.Password}, sc, fw)
	fw.flush()
	return err
}
