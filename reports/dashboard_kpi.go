package reports

import "math/big"

// polarity is a KPI's declared reading: whether more of it is better
// (higherBetter), worse (lowerBetter: cancellations, cycle time) or neither
// (neutralKPI). It decides a card's colour only; the arrow always shows
// the direction of the change, so "▲ red" reads "rose, and that is bad".
type polarity int

const (
	neutralKPI   polarity = 0
	higherBetter polarity = 1
	lowerBetter  polarity = -1
)

// direction is how a figure moved against the one it is compared with.
type direction int

const (
	dirNone direction = iota // nothing to compare: a side is missing
	dirFlat
	dirUp
	dirDown
)

// arrow is the glyph of d: ▲ up, ▼ down, ▬ flat, nothing without a
// comparison.
func (d direction) arrow() string {
	switch d {
	case dirUp:
		return "▲"
	case dirDown:
		return "▼"
	case dirFlat:
		return "▬"
	}
	return ""
}

func (d direction) String() string {
	switch d {
	case dirUp:
		return "up"
	case dirDown:
		return "down"
	case dirFlat:
		return "flat"
	}
	return "none"
}

// moveOf is the direction from prev to cur.
func moveOf(cur, prev *big.Rat) direction {
	if cur == nil || prev == nil {
		return dirNone
	}
	switch cur.Cmp(prev) {
	case 1:
		return dirUp
	case -1:
		return dirDown
	}
	return dirFlat
}

// tone is a card's colour class: good, bad or neutral. A provisional
// figure is neutral whatever it did: it is still filling in (this
// month's leads can still convert), so a fall is not yet a miss.
func tone(d direction, p polarity, provisional bool) string {
	if provisional || p == neutralKPI {
		return "neutral"
	}
	switch {
	case d == dirUp && p == higherBetter, d == dirDown && p == lowerBetter:
		return "good"
	case d == dirUp && p == lowerBetter, d == dirDown && p == higherBetter:
		return "bad"
	}
	return "neutral"
}

// pctChange is (cur − prev) / |prev| as a signed percentage, "—" when
// there is nothing to compare or prev is 0 (a rise from nothing has no
// finite percentage).
func pctChange(cur, prev *big.Rat) string {
	if cur == nil || prev == nil || prev.Sign() == 0 {
		return "—"
	}
	c := new(big.Rat).Sub(cur, prev)
	c.Quo(c, new(big.Rat).Abs(prev))
	return FormatSignedPercent(c)
}
