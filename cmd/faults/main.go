// Command faults runs fault scenarios against a running Turbota server and
// exits non-zero when a promise breaks:
//
//	go run ./cmd/faults noisy -url http://127.0.0.1:8080
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"time"

	"github.com/turbota/turbota/faults"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: faults noisy [flags]")
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	var err error
	switch os.Args[1] {
	case "noisy":
		err = noisy(ctx, os.Args[2:])
	default:
		err = fmt.Errorf("unknown scenario %q", os.Args[1])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "FAIL:", err)
		os.Exit(1)
	}
	fmt.Println("PASS")
}

func noisy(ctx context.Context, args []string) error {
	n := faults.NoisyTenant{}
	f := flag.NewFlagSet("noisy", flag.ExitOnError)
	f.StringVar(&n.URL, "url", "http://127.0.0.1:8080", "the server")
	f.StringVar(&n.NoisyEmail, "noisy-email", "ssd@vinnytsia.demo.turbota.ua", "community A's user, who runs the workers")
	quiet := f.String("quiet-emails", "ssd@poltava.demo.turbota.ua,uszn@poltava.demo.turbota.ua,guardianship@poltava.demo.turbota.ua",
		"community B's users (comma-separated), whose case list is measured, taking turns")
	f.StringVar(&n.Password, "password", "turbota-demo-2026", "password of both users")
	f.IntVar(&n.Workers, "workers", 8, "A's parallel workers")
	f.Float64Var(&n.QuietRate, "quiet-rate", 8, "B's requests a second, all its users together")
	f.IntVar(&n.Rounds, "rounds", 3, "rounds of an idle and a noisy phase, interleaved")
	f.DurationVar(&n.Duration, "duration", 10*time.Second, "length of each measured phase")
	f.DurationVar(&n.Warmup, "warmup", 10*time.Second, "A's load before B is measured under it: long enough to spend A's burst")
	f.BoolVar(&n.Hostile, "hostile", false, "A's workers retry at once when refused instead of waiting Retry-After")
	f.Float64Var(&n.MaxRatio, "max-ratio", 2, "fail when B's p99 under noise exceeds this multiple of its idle p99")
	_ = f.Parse(args)
	n.QuietEmails = strings.Split(*quiet, ",")
	_, err := n.Run(ctx, os.Stdout)
	return err
}
