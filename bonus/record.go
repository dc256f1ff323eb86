package bonus

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
)

// ErrRecord marks a frozen record that cannot be read: damaged, missing a
// field, or of an unknown version. It is never read as zeros.
var ErrRecord = errors.New("unreadable bonus record")

// EncodeRecord is the frozen form of m: the whole Month, derivation
// included, at the current SchemaVersion.
func EncodeRecord(m Month) ([]byte, error) {
	m.SchemaVersion = SchemaVersion
	b, err := json.Marshal(m)
	if err != nil {
		return nil, fmt.Errorf("encoding the bonus record of %s: %w", m.Period, err)
	}
	return b, nil
}

// DecodeRecord reads the frozen record of period, of this schema version or
// of the untagged version 1 of earlier closes. Every field must be present
// and readable; the record must be of period.
func DecodeRecord(b []byte, period string) (Month, error) {
	var head struct {
		Version *int `json:"schema_version"`
	}
	if err := json.Unmarshal(b, &head); err != nil {
		return Month{}, fmt.Errorf("%w of %s: %w", ErrRecord, period, err)
	}
	var m Month
	var err error
	switch {
	case head.Version == nil:
		m, err = decodeV1(b)
	case *head.Version == SchemaVersion:
		m, err = decodeCurrent(b)
	default:
		err = fmt.Errorf("schema version %d is not one this salesops reads (up to %d)", *head.Version, SchemaVersion)
	}
	if err == nil {
		err = m.check(period)
	}
	if err != nil {
		return Month{}, fmt.Errorf("%w of %s: %w", ErrRecord, period, err)
	}
	return m, nil
}

func decodeCurrent(b []byte) (Month, error) {
	if err := requireKeys(b, "", reflect.TypeFor[Month](), "pool_detail"); err != nil {
		return Month{}, err
	}
	var top struct {
		Plan json.RawMessage   `json:"plan"`
		Rows []json.RawMessage `json:"rows"`
	}
	if err := json.Unmarshal(b, &top); err != nil {
		return Month{}, err
	}
	if err := requireKeys(top.Plan, "plan.", reflect.TypeFor[PlanRecord]()); err != nil {
		return Month{}, err
	}
	for i, r := range top.Rows {
		if err := requireKeys(r, fmt.Sprintf("rows[%d].", i), reflect.TypeFor[Row](), "detail"); err != nil {
			return Month{}, err
		}
		var d struct {
			Detail json.RawMessage `json:"detail"`
		}
		if err := json.Unmarshal(r, &d); err != nil {
			return Month{}, err
		}
		if err := requireKeys(d.Detail, fmt.Sprintf("rows[%d].detail.", i), reflect.TypeFor[RowDetail]()); err != nil {
			return Month{}, err
		}
	}
	var m Month
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		return Month{}, err
	}
	return m, nil
}

// check holds a decoded record to what every record must say.
func (m Month) check(period string) error {
	switch {
	case m.Period != period:
		return fmt.Errorf("the record is of period %q", m.Period)
	case !m.Closed:
		return errors.New("the record does not say closed")
	case m.Plan.PoolRate.Null():
		return errors.New("the plan has no pool_rate")
	case m.PoolDetail == nil:
		return errors.New("the record has no pool_detail")
	}
	for _, w := range m.Plan.Weights {
		if w.Null() {
			return errors.New("the plan lacks a weight")
		}
	}
	for i, r := range m.Rows {
		switch {
		case r.RepID == "":
			return fmt.Errorf("row %d has no rep_id", i)
		case r.Period != period:
			return fmt.Errorf("row %d (%s) is of period %q", i, r.RepID, r.Period)
		case r.RowDetail == nil:
			return fmt.Errorf("row %d (%s) has no detail", i, r.RepID)
		}
	}
	return nil
}

// requireKeys fails when the JSON object b lacks a key of t: every tagged
// field, except omitempty ones not named in also. A missing key would
// otherwise decode as zero: a blank pool, a rep paid 0.00.
func requireKeys(b []byte, where string, t reflect.Type, also ...string) error {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(b, &obj); err != nil {
		return fmt.Errorf("%s: %w", strings.TrimSuffix(where, "."), err)
	}
	if obj == nil {
		return fmt.Errorf("%s is null", strings.TrimSuffix(where, "."))
	}
	for i := range t.NumField() {
		tag := t.Field(i).Tag.Get("json")
		name, opts, _ := strings.Cut(tag, ",")
		if name == "" || name == "-" {
			continue
		}
		if strings.Contains(opts, "omitempty") && !slices.Contains(also, name) {
			continue
		}
		if _, ok := obj[name]; !ok {
			return fmt.Errorf("%s%s is missing", where, name)
		}
	}
	return nil
}
