package testdb

import (
	"errors"
	"sync"

	"github.com/lib/pq"
)

// cloner keeps the next test's database ready: cloning the template (a
// few hundred milliseconds with the demo in it) runs while the previous
// test does, and dropping a used one runs behind the next, so a package of
// a hundred short tests does not wait for two hundred of those in a row.
type cloner struct {
	once  sync.Once
	ready chan clone
	done  chan struct{}
	work  sync.WaitGroup // the producer and the drops under way
}

type clone struct {
	name string
	err  error
}

func newCloner() *cloner {
	return &cloner{ready: make(chan clone), done: make(chan struct{})}
}

// take hands out a fresh clone, starting the producer on first use (a
// package whose tests never ask for one clones nothing).
func (c *cloner) take() (string, error) {
	c.once.Do(func() {
		c.work.Add(1)
		go c.produce()
	})
	got := <-c.ready
	return got.name, got.err
}

// produce clones one database ahead of demand. CREATE DATABASE … TEMPLATE
// needs the template to itself, so clones are made one at a time, here.
func (c *cloner) produce() {
	defer c.work.Done()
	for {
		name := "t_" + randomName()
		err := cloneTemplate(name)
		if err != nil {
			name = ""
		}
		select {
		case c.ready <- clone{name: name, err: err}:
		case <-c.done:
			if name != "" {
				dropDatabase(name)
			}
			return
		}
	}
}

// drop removes a used clone in the background.
func (c *cloner) drop(name string) {
	c.work.Add(1)
	go func() {
		defer c.work.Done()
		dropDatabase(name)
	}()
}

// stop ends the producer and waits for every drop, before the cluster and
// the template go.
func (c *cloner) stop() {
	close(c.done)
	c.work.Wait()
}

// cloneTemplate copies the template's files (STRATEGY FILE_COPY, PostgreSQL
// 15 and later): 77 ms for the server tests' 14 MB template, where the
// default WAL_LOG, which writes every page through the WAL, took 650 ms.
// An older server, which knows only the copy, refuses the option: it gets
// the plain statement.
func cloneTemplate(name string) error {
	create := "CREATE DATABASE " + pq.QuoteIdentifier(name) + " TEMPLATE " + pq.QuoteIdentifier(template)
	_, err := admin.Exec(create + " STRATEGY FILE_COPY")
	if pe := (*pq.Error)(nil); errors.As(err, &pe) && pe.Code == "42601" { // syntax error: before 15
		_, err = admin.Exec(create)
	}
	return err
}
