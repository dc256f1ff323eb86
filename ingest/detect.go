package ingest

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/salesops/salesops/config"
)

// fileInfo is what one pass over a file's bytes learns before loading it.
type fileInfo struct {
	file                         *sourceFile // what every reader reads (source_open.go)
	path, hash, format, encoding string      // encoding: utf-8, utf-8-bom, utf-16le, utf-16be, gb18030
	size                         int64
	delim                        string // detected from the raw head; redone after decoding for non-UTF-8
	// quick: only hashed (see inspect); encoding presumed, not checked.
	quick bool
}

// formatOf is the configured format, else the file's extension.
func formatOf(path string, src config.Source) string {
	if src.Format != "" {
		return src.Format
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".tsv", ".tab":
		return "tsv"
	case ".xlsx", ".xlsm":
		return "xlsx"
	case ".xls":
		return "xls"
	case ".parquet", ".pq":
		return "parquet"
	case ".jsonl", ".ndjson", ".json":
		return "jsonl"
	}
	return "csv"
}

// inspect hashes the file and, for text formats, detects its encoding.
// UTF-8 is checked to the last byte; a file that is not UTF-8 is taken as
// GB18030 only when it is valid GB18030 and reads as Chinese text, so a
// Latin-1 or Shift-JIS file is refused rather than garbled.
//
// With quick set, only the hash, the size, a byte-order mark and the
// delimiter are found, for the plain path (plain.go), which checks the
// encoding and the structure line by line as it reads; fi.quick is then
// true and fi.encoding (utf-8 or utf-8-bom) only presumed.
func inspect(ctx context.Context, sf *sourceFile, src config.Source, quick bool) (fileInfo, error) {
	path := sf.path
	fi := fileInfo{file: sf, path: path, format: formatOf(path, src), quick: quick}
	f, err := sf.open()
	if err != nil {
		return fi, err
	}
	defer f.Close()
	h := sha256.New()
	text := fi.format == "csv" || fi.format == "tsv"
	r := bufio.NewReaderSize(f, 1<<20)
	head, _ := r.Peek(4)
	pinned := strings.ToLower(src.Encoding)
	switch {
	case !text:
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		fi.encoding = "utf-8-bom"
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}):
		fi.encoding = "utf-16le"
	case bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		fi.encoding = "utf-16be"
	case pinned == "gb18030" || pinned == "gbk":
		fi.encoding = "gb18030"
	case pinned == "utf-16":
		return fi, &FileError{File: path, Reason: "encoding utf-16 is configured but the file has no byte-order mark"}
	}
	utf := utf8Checker{}
	if text {
		fi.delim = src.Delimiter
		if fi.delim == `\t` || strings.EqualFold(fi.delim, "tab") {
			fi.delim = "\t"
		}
		if fi.format == "tsv" && fi.delim == "" {
			fi.delim = "\t"
		}
		if fi.delim == "" {
			peek, _ := r.Peek(64 << 10)
			fi.delim = string(detectDelimiter(string(peek)))
		}
	}
	// SHA-256 runs on its own core while this one checks the bytes.
	hasher := newChunkHasher(h)
	defer hasher.stop()
	for {
		if err := ctx.Err(); err != nil {
			return fi, err
		}
		buf := hasher.buffer()
		n, rerr := io.ReadFull(r, buf)
		chunk := buf[:n]
		hasher.write(chunk)
		fi.size += int64(n)
		if text && !quick && (fi.encoding == "" || fi.encoding == "utf-8-bom") {
			utf.feed(chunk)
		}
		if rerr == io.EOF || rerr == io.ErrUnexpectedEOF {
			break
		}
		if rerr != nil {
			return fi, &FileError{File: path, Offset: fi.size, Reason: fmt.Sprintf("reading: %v", rerr)}
		}
	}
	hasher.stop()
	fi.hash = "sha256:" + hex.EncodeToString(h.Sum(nil))
	if !text {
		return fi, nil
	}
	if quick {
		if fi.encoding == "" && pinned != "gb18030" && pinned != "gbk" {
			fi.encoding = "utf-8"
		}
		return fi, nil
	}
	if utf.ok && utf.pending > 0 {
		utf.ok, utf.bad = false, fi.size-int64(utf.pending)
	}
	switch {
	case fi.encoding == "utf-16le" || fi.encoding == "utf-16be":
		return fi, nil
	case fi.encoding == "gb18030":
		gb, err := checkGB(sf)
		if err != nil {
			return fi, err
		}
		if gb.bad >= 0 {
			return fi, &FileError{File: path, Offset: gb.bad, Reason: "not valid GB18030 (the configured encoding)"}
		}
		return fi, nil
	case utf.ok:
		if fi.encoding == "" {
			fi.encoding = "utf-8"
		}
		return fi, nil
	case fi.encoding == "utf-8-bom" || pinned == "utf-8":
		return fi, &FileError{File: path, Offset: utf.bad, Reason: "not valid UTF-8"}
	}
	gb, err := checkGB(sf)
	if err != nil {
		return fi, err
	}
	switch {
	case gb.bad >= 0:
		return fi, &FileError{File: path, Offset: utf.bad, Reason: fmt.Sprintf("not valid UTF-8, UTF-16 or GB18030 (GB18030 fails at byte offset %d); pin the encoding of the source if it is another", gb.bad)}
	case gb.core*10 < gb.multi*8:
		return fi, &FileError{File: path, Offset: utf.bad, Reason: "not valid UTF-8, and although it decodes as GB18030 it does not read as Chinese text (perhaps Latin-1 or Shift-JIS); refusing to guess: set encoding: gb18030 on the source if it really is"}
	}
	fi.encoding = "gb18030"
	return fi, nil
}

// utf8Checker validates UTF-8 across chunk boundaries.
type utf8Checker struct {
	ok      bool
	started bool
	off     int64
	bad     int64
	pending int
	carry   []byte
}

func (c *utf8Checker) feed(b []byte) {
	if !c.started {
		c.ok, c.started = true, true
	}
	if !c.ok {
		return
	}
	data := b // no copy unless a rune straddles the chunks
	if len(c.carry) > 0 {
		data = append(c.carry, b...)
	}
	base := c.off - int64(len(c.carry))
	// Hold back an incomplete rune at the end for the next chunk.
	cut := len(data)
	for i := len(data) - 1; i >= 0 && i >= len(data)-3; i-- {
		if utf8.RuneStart(data[i]) {
			if !utf8.FullRune(data[i:]) {
				cut = i
			}
			break
		}
	}
	if !utf8.Valid(data[:cut]) {
		for i := 0; i < cut; {
			r, size := utf8.DecodeRune(data[i:cut])
			if r == utf8.RuneError && size <= 1 {
				c.ok, c.bad = false, base+int64(i)
				return
			}
			i += size
		}
	}
	c.carry = append([]byte(nil), data[cut:]...)
	c.pending = len(c.carry)
	c.off += int64(len(b))
}

func checkGB(sf *sourceFile) (gbChecker, error) {
	c := gbChecker{bad: -1, started: true}
	path := sf.path
	f, err := sf.open()
	if err != nil {
		return c, err
	}
	defer f.Close()
	buf := make([]byte, 1<<20)
	for {
		n, err := f.Read(buf)
		c.feed(buf[:n])
		if err == io.EOF {
			break
		}
		if err != nil {
			return c, &FileError{File: path, Reason: fmt.Sprintf("reading: %v", err)}
		}
	}
	if c.state != 0 && c.bad < 0 {
		c.bad = c.off - int64(c.state)
	}
	return c, nil
}

// gbChecker validates GB18030 and counts how many two-byte characters lie
// in the GB2312 zone where common Chinese text lives.
type gbChecker struct {
	off         int64
	bad         int64
	state       int // bytes of the current character seen
	prev        [3]byte
	multi, core int
	started     bool
}

func (c *gbChecker) feed(b []byte) {
	if !c.started {
		c.started, c.bad = true, -1
	}
	for i, x := range b {
		if c.bad >= 0 {
			return
		}
		pos := c.off + int64(i)
		switch c.state {
		case 0:
			switch {
			case x < 0x80:
			case x >= 0x81 && x <= 0xFE:
				c.prev[0], c.state = x, 1
			default:
				c.bad = pos
			}
		case 1:
			switch {
			case (x >= 0x40 && x <= 0x7E) || (x >= 0x80 && x <= 0xFE):
				c.multi++
				if c.prev[0] >= 0xA1 && x >= 0xA1 {
					c.core++
				}
				c.state = 0
			case x >= 0x30 && x <= 0x39:
				c.state = 2
			default:
				c.bad = pos - 1
			}
		case 2:
			if x >= 0x81 && x <= 0xFE {
				c.state = 3
			} else {
				c.bad = pos - 2
			}
		case 3:
			if x >= 0x30 && x <= 0x39 {
				c.multi++
				c.state = 0
			} else {
				c.bad = pos - 3
			}
		}
	}
	c.off += int64(len(b))
}
