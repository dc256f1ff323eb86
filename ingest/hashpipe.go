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
	made int // buffers taken from chunkPool, at most hashBuffers
	done sync.WaitGroup
	once sync.Once
}

const hashBuffers, hashChunk = 4, 1 << 20

// chunkPool keeps the chunks between files, which are taken only as
// needed: inspecting a file used to allocate and zero all four, 4 MiB for
// a file of a few hundred bytes in a drop of many.
var chunkPool = sync.Pool{New: func() any { return new([hashChunk]byte) }}

func newChunkHasher(h hash.Hash) *chunkHasher {
	c := &chunkHasher{h: h, work: make(chan []byte, hashBuffers), free: make(chan []byte, hashBuffers)}
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

// buffer is a free chunk to read into: one already hashed, else a new
// one while fewer than hashBuffers are out, else the next to be hashed.
// Every chunk taken must be handed to write: stop waits for them all.
func (c *chunkHasher) buffer() []byte {
	select {
	case b := <-c.free:
		return b
	default:
	}
	if c.made < hashBuffers {
		c.made++
		return chunkPool.Get().(*[hashChunk]byte)[:]
	}
	return <-c.free
}

// write hands the chunk to the hashing goroutine.
func (c *chunkHasher) write(b []byte) { c.work <- b }

// stop waits until every chunk written has been hashed; it may be called
// more than once.
func (c *chunkHasher) stop() {
	c.once.Do(func() {
		close(c.work)
		c.done.Wait()
		// Every chunk taken is hashed and free again: the reader holds
		// none once it stops (it keeps no slice of one), so the pool may
		// hand them to the next file.
		for range c.made {
			chunkPool.Put((*[hashChunk]byte)(<-c.free))
		}
	})
}
