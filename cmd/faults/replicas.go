package main

import (
	"fmt"
	"sync"
	"time"
)

func init() {
	register(Scenario{Order: 9, Name: "replicas", Run: replicasOnEmpty,
		Promise: "three serve processes started at once on an empty database all come up ready, loading the reference data once"})
}

const replicaCount = 3

// referenceCounts are the rows every start loads (codifier, classifier,
// default policy): an empty database filled by racing replicas must hold
// exactly what the template holds.
var referenceCounts = []string{
	"SELECT count(*) FROM regions",
	"SELECT count(*) FROM districts",
	"SELECT count(*) FROM communities",
	"SELECT count(*) FROM service_types",
	`SELECT count(*) FROM policy_rules WHERE "default"`,
}

func replicasOnEmpty(e *Env) error {
	db := "f_replicas_empty"
	if err := e.PG.CreateDatabase(e.Ctx, db, ""); err != nil {
		return err
	}
	servers := make([]*Server, replicaCount)
	for i := range servers {
		s, err := e.StartServer(fmt.Sprintf("replica%d", i+1), nil, []string{"TURBOTA_DATABASE_URL=" + e.PG.DSN(db)})
		if err != nil {
			return err
		}
		servers[i] = s
	}
	start := time.Now()
	errs := make([]error, replicaCount)
	took := make([]time.Duration, replicaCount)
	var wg sync.WaitGroup
	for i, s := range servers {
		wg.Go(func() {
			errs[i] = s.WaitReady(e.Ctx, readyTimeout)
			took[i] = time.Since(start)
		})
	}
	wg.Wait()
	var ch checks
	for i, s := range servers {
		dup := s.LogLines("duplicate key")
		if errs[i] == nil {
			e.Figure("%s ready in %s", s.Name, msec(took[i]))
		}
		ch.Expect(errs[i] == nil, "%s: %v", s.Name, errs[i])
		ch.Expect(dup == 0, "%s logged %d duplicate-key errors", s.Name, dup)
	}
	got, err := countRows(e, db)
	if err != nil {
		return err
	}
	want, err := countRows(e, templateDB)
	if err != nil {
		return err
	}
	e.Figure("reference rows (regions, districts, communities, service types, default policy): %v; one start loads %v", got, want)
	ch.Expect(fmt.Sprint(got) == fmt.Sprint(want), "the racing replicas loaded %v reference rows, a single start %v", got, want)
	return ch.Err()
}

func countRows(e *Env, db string) ([]int, error) {
	pool, err := e.PG.Open(db)
	if err != nil {
		return nil, err
	}
	defer pool.Close()
	out := make([]int, len(referenceCounts))
	for i, q := range referenceCounts {
		if err := pool.QueryRowContext(e.Ctx, q).Scan(&out[i]); err != nil {
			return nil, fmt.Errorf("%s: %w", q, err)
		}
	}
	return out, nil
}
