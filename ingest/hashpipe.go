package ingest

import (
	"hash"
	"sync"
)

// chunkHasher feeds a hash from a goroutine, so hashing a large file and
// checking its bytes take one pass on two cores. Chunks come from a small
// pool of buffers; a chunk is not reused before it has been hashed.
type chunkHasher struct {
	h    hash.Hash
	work chan []byte
	free chan []byte
	done sync.WaitGroup
	once sync.Once
}

const hashBuffers, hashChunk = 4, 1 << 20

func newChunkHasher(h hash.Hash) *chunkHasher {
	c := &chunkHasher{h: h, work: make(chan []byte, hashBuffers), free: make(chan []byte, hashBuffers)}
	for range hashBuffers {
		c.free <- make([]byte, hashChunk)
	}
	c.done.Add(1)
	go func() {
		defer c.done.Done()
		for b := range c.work {
			c.h.Write(b)
			c.free <- b[:cap(b)]
		}
	}()
	return c
}

// buffer is a free chunk to read into.
func (c *chunkHasher) buffer() []byte { return <-c.free }

// write hands the chunk to the hashing goroutine.
func (c *chunkHasher) write(b []byte) { c.work <- b }

// stop waits until every chunk written has been hashed; it may be called
// more than once.
func (c *chunkHasher) stop() {
	c.once.Do(func() {
		close(c.work)
		c.done.Wait()
	})
}
