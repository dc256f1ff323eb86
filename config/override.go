package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"reflect"
	"slices"
	"strings"

	"github.com/goccy/go-yaml"

	"github.com/salesops/salesops/faults"
)

// A plan being modelled (salesops model) is written the way salesops.yaml
// writes it: a --set value or a plan file goes through the same YAML
// decoder, the same exact Decimal and the same validation as the bonus
// block of the configuration, so "5%", "0.05" and "null" mean there what
// they mean here, and nothing is read through a float.

// BonusKeys are the settings of the bonus block as dotted keys under
// "bonus.", from the yaml tags of Bonus, so a setting added there is
// settable without a list to keep in step.
func BonusKeys() []string {
	var keys []string
	for _, f := range bonusFields() {
		keys = append(keys, f.key)
	}
	return keys
}

type bonusField struct {
	key      string
	nullable bool // a pointer: null is its absent value (max_share: no cap)
}

func bonusFields() []bonusField {
	var fields []bonusField
	var walk func(prefix string, t reflect.Type)
	walk = func(prefix string, t reflect.Type) {
		for i := range t.NumField() {
			f := t.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
			if name == "" || name == "-" {
				continue
			}
			if f.Type.Kind() == reflect.Struct && f.Type != reflect.TypeFor[Decimal]() {
				walk(prefix+name+".", f.Type)
				continue
			}
			fields = append(fields, bonusField{prefix + name, f.Type.Kind() == reflect.Pointer})
		}
	}
	walk("bonus.", reflect.TypeFor[Bonus]())
	return fields
}

// OverrideBonus returns a copy of b with the setting key (a dotted key
// under "bonus.", one of BonusKeys) set to value, read as the YAML text
// of that setting. b itself is left as it was. An unknown key, a value
// that is not of the setting's type, or a plan outside its limits is a
// usage error naming the key.
func OverrideBonus(b Bonus, key, value string) (Bonus, error) {
	i := slices.IndexFunc(bonusFields(), func(f bonusField) bool { return f.key == key })
	if i < 0 {
		return b, fmt.Errorf("%w: unknown setting %q; the bonus settings are %s", faults.ErrUsage, key, strings.Join(BonusKeys(), ", "))
	}
	// The decoder leaves a non-pointer setting as it was on null, which
	// would model the current plan while the operator asked for a change.
	if value == "null" && !bonusFields()[i].nullable {
		return b, fmt.Errorf("%w: %s cannot be null (only a setting that may be absent, such as bonus.max_share, can)", faults.ErrUsage, key)
	}
	// Only a plain scalar reaches the YAML text below: anything else
	// (a line break, a comment, a flow mapping) could set another key.
	if value == "" || strings.IndexFunc(value, func(r rune) bool { return !plainScalarRune(r) }) >= 0 {
		return b, fmt.Errorf("%w: %s: %q is not a value such as 0.25, 25%%, 3, true or null", faults.ErrUsage, key, value)
	}
	parts := strings.Split(key, ".")
	var doc strings.Builder
	for i, p := range parts {
		doc.WriteString(strings.Repeat("  ", i) + p + ":")
		if i < len(parts)-1 {
			doc.WriteString("\n")
		}
	}
	doc.WriteString(" " + value + "\n")
	out, err := decodeBonus(copyBonus(b), []byte(doc.String()))
	if err != nil {
		return b, fmt.Errorf("%w: %s", faults.ErrUsage, bareMessage(err))
	}
	return out, nil
}

// ParseBonusFile reads a plan file: YAML holding only a bonus: block in
// the schema of salesops.yaml's, strictly (an unknown key is an error
// naming it and its line). A setting the file leaves out takes its
// default, as it would in salesops.yaml, so the file pasted into the
// configuration gives the plan that was modelled.
func ParseBonusFile(name string, text []byte) (Bonus, error) {
	var probe map[string]any
	if err := yaml.Unmarshal(text, &probe); err == nil && probe["bonus"] == nil {
		return Bonus{}, &Error{File: name, Err: errors.New("holds no bonus: block")}
	}
	b, err := decodeBonus(copyBonus(Default().Bonus), text)
	if err != nil {
		return Bonus{}, &Error{File: name, Err: err}
	}
	return b, nil
}

// decodeBonus decodes text, a document with one top-level key bonus:,
// onto b and validates the result as the configuration's.
func decodeBonus(b Bonus, text []byte) (Bonus, error) {
	doc := struct {
		Bonus Bonus `yaml:"bonus"`
	}{b}
	dec := yaml.NewDecoder(bytes.NewReader(text), yaml.DisallowUnknownField())
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return Bonus{}, errEmpty
		}
		return Bonus{}, decodeError(text, err)
	}
	c := Default()
	c.Bonus = doc.Bonus
	if err := c.validate(); err != nil {
		return Bonus{}, err
	}
	return doc.Bonus, nil
}

// copyBonus is b with nothing shared: the decoder writes through the
// MaxShare pointer, which would otherwise change the caller's plan.
func copyBonus(b Bonus) Bonus {
	if b.MaxShare != nil {
		v := *b.MaxShare
		b.MaxShare = &v
	}
	return b
}

func plainScalarRune(r rune) bool {
	return r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || strings.ContainsRune(".%+-_", r)
}

// bareMessage drops the position and source excerpt decodeError adds:
// they point into the one-line document built from a --set, which the
// operator never saw.
func bareMessage(err error) string {
	msg := err.Error()
	if i := strings.Index(msg, "] "); strings.HasPrefix(msg, "[") && i > 0 {
		msg = msg[i+2:]
	}
	msg, _, _ = strings.Cut(msg, "\n")
	return strings.TrimSpace(msg)
}
