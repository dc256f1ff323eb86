package cli

import (
	"bufio"
	"encoding/json"
	"os/exec"
	"slices"
	"sync"
	"syscall"
	"testing"
	"time"
)

// crashPhases are a run's phases in order; each but "start" begins at the
// first log line of crashPhaseOf naming it. The transform's first model
// takes milliseconds, so its line marks the transform's start closely
// enough; "end" is the time between the run's last line and the exit.
var (
	crashPhases  = []string{"start", "ingest", "transform", "reports", "end"}
	crashPhaseOf = map[string]string{"run started": "ingest", "model built": "transform", "transform done": "reports", "run finished": "end"}
)

// crashChild is one salesops process whose JSON log on stderr tells which
// phase it is in.
type crashChild struct {
	cmd   *exec.Cmd
	eof   chan struct{}
	mu    sync.Mutex
	marks map[string]time.Time // phase → when its first line was read
	seen  chan struct{}        // closed and replaced at each new phase
	lines []string             // the last lines, for failure messages
}

func startCrashChild(cmd *exec.Cmd) (*crashChild, error) {
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return nil, err
	}
	ch := &crashChild{cmd: cmd, eof: make(chan struct{}), marks: map[string]time.Time{}, seen: make(chan struct{})}
	ch.marks["start"] = time.Now()
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	go func() {
		defer close(ch.eof)
		sc := bufio.NewScanner(stderr)
		sc.Buffer(make([]byte, 0, 64<<10), 4<<20)
		for sc.Scan() {
			ch.read(sc.Text())
		}
	}()
	return ch, nil
}

func (ch *crashChild) read(line string) {
	var rec struct {
		Msg string `json:"msg"`
	}
	_ = json.Unmarshal([]byte(line), &rec) // a line that is not JSON still goes to the tail
	ch.mu.Lock()
	defer ch.mu.Unlock()
	if ch.lines = append(ch.lines, line); len(ch.lines) > 20 {
		ch.lines = ch.lines[1:]
	}
	if p, ok := crashPhaseOf[rec.Msg]; ok {
		if _, dup := ch.marks[p]; !dup {
			ch.marks[p] = time.Now()
			close(ch.seen)
			ch.seen = make(chan struct{})
		}
	}
}

// current is the latest phase seen.
func (ch *crashChild) current() string {
	ch.mu.Lock()
	defer ch.mu.Unlock()
	for _, p := range slices.Backward(crashPhases) {
		if _, ok := ch.marks[p]; ok {
			return p
		}
	}
	return "start"
}

// killIn sends SIGKILL delay after phase starts and returns the phase the
// process was in then, or "finished" if it ended before.
func (ch *crashChild) killIn(phase string, delay time.Duration) string {
	for {
		ch.mu.Lock()
		at, ok := ch.marks[phase]
		seen := ch.seen
		ch.mu.Unlock()
		if ok {
			time.Sleep(time.Until(at.Add(delay)))
			break
		}
		select {
		case <-seen:
		case <-ch.eof:
			return "finished"
		}
	}
	where := ch.current()
	if err := ch.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		return "finished"
	}
	return where
}

// wait waits for the process after its stderr is read to the end.
func (ch *crashChild) wait() error {
	<-ch.eof
	return ch.cmd.Wait()
}

// durations is how long each phase of a finished run took.
func (ch *crashChild) durations(t *testing.T) map[string]time.Duration {
	t.Helper()
	ch.mu.Lock()
	defer ch.mu.Unlock()
	out := map[string]time.Duration{}
	for i, p := range crashPhases[:len(crashPhases)-1] {
		from, ok1 := ch.marks[p]
		to, ok2 := ch.marks[crashPhases[i+1]]
		if !ok1 || !ok2 {
			t.Fatalf("no log line marks the %s or the %s phase (have the run's log messages changed?)\n%s", p, crashPhases[i+1], ch.tailLocked())
		}
		out[p] = to.Sub(from).Round(time.Millisecond)
	}
	return out
}

func (ch *crashChild) tail() string {
	ch.mu.Lock()
	defer ch.mu.Unlock()
	return ch.tailLocked()
}

func (ch *crashChild) tailLocked() string {
	s := ""
	for _, l := range ch.lines {
		if len(l) > 300 {
			l = l[:300] + "…"
		}
		s += l + "\n"
	}
	return s
}
