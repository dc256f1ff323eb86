package ingest

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
)

// archive/zip reads a zip's whole central directory into memory before a
// single part can be opened, one File (a few hundred bytes) per entry, and
// the entry count it trusts is whatever the directory holds: a workbook of
// millions of empty entries costs gigabytes before checkZip could judge a
// part. So the directory is measured first, from the bytes, by what
// archive/zip would read: the count the End Of Central Directory record
// (or its ZIP64 twin) declares, and the directory records really there
// (the declared count is only 16 bits outside ZIP64, so it may wrap).

// maxZipEntries bounds the entries of a workbook. It is a fixed bound,
// not a limit setting: a genuine workbook has a few parts per sheet (a
// hundred sheets make a few hundred entries), so no export comes near it,
// and what it protects is the Go memory budget (docs/operations.md), not
// anything an operator tunes per source. A variable, so tests can lower it.
var maxZipEntries = 10000

const (
	sigDirEnd     = 0x06054b50 // End Of Central Directory
	sigDir64End   = 0x06064b50 // ZIP64 End Of Central Directory
	sigDir64Loc   = 0x07064b50 // ZIP64 End Of Central Directory locator
	sigDirHeader  = 0x02014b50 // central directory file header
	dirEndLen     = 22
	dir64EndLen   = 56
	dir64LocLen   = 20
	dirHeaderLen  = 46
	maxCommentLen = 0xffff
)

// checkZipDirectory refuses a zip whose central directory holds more than
// maxZipEntries entries, reading only its end and its directory records.
// A zip it cannot make sense of is left to archive/zip, which says why.
func checkZipDirectory(r io.ReaderAt, size int64, file string) error {
	end, entries, dirSize, dirOff, ok := zipDirectoryEnd(r, size)
	if !ok {
		return nil
	}
	tooMany := func(n string) error {
		return &LimitError{File: file, What: fmt.Sprintf("a zip of %s entries (parts)", n), Limit: fmt.Sprint(maxZipEntries)}
	}
	if entries > uint64(maxZipEntries) {
		return tooMany(fmt.Sprint(entries))
	}
	if dirSize > uint64(end) || dirOff > uint64(size) {
		return nil
	}
	// Where archive/zip starts reading: the directory ends where its end
	// record begins, unless the declared offset holds a directory record
	// (zips prepended with other data declare one or the other wrongly).
	start := end - int64(dirSize)
	if int64(dirOff) < start && isDirHeader(r, int64(dirOff)) {
		start = int64(dirOff)
	}
	if start < 0 {
		return nil
	}
	br := bufio.NewReaderSize(io.NewSectionReader(r, start, size-start), 64<<10)
	var hdr [dirHeaderLen]byte
	for n := 0; ; n++ {
		if _, err := io.ReadFull(br, hdr[:]); err != nil || binary.LittleEndian.Uint32(hdr[:]) != sigDirHeader {
			return nil
		}
		if n == maxZipEntries {
			return tooMany(fmt.Sprintf("more than %d", maxZipEntries))
		}
		skip := int(binary.LittleEndian.Uint16(hdr[28:])) + int(binary.LittleEndian.Uint16(hdr[30:])) + int(binary.LittleEndian.Uint16(hdr[32:]))
		if _, err := br.Discard(skip); err != nil {
			return nil
		}
	}
}

func isDirHeader(r io.ReaderAt, off int64) bool {
	var b [4]byte
	_, err := r.ReadAt(b[:], off)
	return err == nil && binary.LittleEndian.Uint32(b[:]) == sigDirHeader
}

// zipDirectoryEnd finds the End Of Central Directory record in the last
// 22 bytes + the longest comment, and the ZIP64 one it points to when its
// fields are saturated. It returns where the directory ends (the offset of
// the record that follows it), the declared entries, size and offset of
// the directory.
func zipDirectoryEnd(r io.ReaderAt, size int64) (end int64, entries, dirSize, dirOff uint64, ok bool) {
	n := min(size, dirEndLen+maxCommentLen)
	buf := make([]byte, n)
	if _, err := r.ReadAt(buf, size-n); err != nil && err != io.EOF {
		return 0, 0, 0, 0, false
	}
	p := -1
	for i := len(buf) - dirEndLen; i >= 0; i-- {
		if binary.LittleEndian.Uint32(buf[i:]) == sigDirEnd && i+dirEndLen+int(binary.LittleEndian.Uint16(buf[i+20:])) <= len(buf) {
			p = i
			break
		}
	}
	if p < 0 {
		return 0, 0, 0, 0, false
	}
	rec := buf[p:]
	end = size - n + int64(p)
	entries = uint64(binary.LittleEndian.Uint16(rec[10:]))
	dirSize = uint64(binary.LittleEndian.Uint32(rec[12:]))
	dirOff = uint64(binary.LittleEndian.Uint32(rec[16:]))
	if entries != 0xffff && dirSize != 0xffffffff && dirOff != 0xffffffff {
		return end, entries, dirSize, dirOff, true
	}
	var loc [dir64LocLen]byte
	if end < dir64LocLen {
		return end, entries, dirSize, dirOff, true
	}
	if _, err := r.ReadAt(loc[:], end-dir64LocLen); err != nil || binary.LittleEndian.Uint32(loc[:]) != sigDir64Loc {
		return end, entries, dirSize, dirOff, true
	}
	at := binary.LittleEndian.Uint64(loc[8:])
	var rec64 [dir64EndLen]byte
	if at > uint64(size) {
		return 0, 0, 0, 0, false
	}
	if _, err := r.ReadAt(rec64[:], int64(at)); err != nil || binary.LittleEndian.Uint32(rec64[:]) != sigDir64End {
		return 0, 0, 0, 0, false
	}
	return int64(at), binary.LittleEndian.Uint64(rec64[32:]), binary.LittleEndian.Uint64(rec64[40:]), binary.LittleEndian.Uint64(rec64[48:]), true
}
