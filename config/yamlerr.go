package config

import (
	"errors"
	"fmt"
	"reflect"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"
)

// valueError is a setting whose text is not of its type, placed at its key
// and line so the operator can go straight to it: goccy only positions the
// errors of its own decoding, not those of a type's UnmarshalYAML.
func valueError(node ast.Node, format string, args ...any) error {
	return &yaml.SyntaxError{Message: keyOf(node) + ": " + fmt.Sprintf(format, args...), Token: node.GetToken()}
}

// keyOf is the dotted key of a value node: "bonus.pool_rate".
func keyOf(node ast.Node) string {
	return strings.TrimPrefix(strings.TrimPrefix(node.GetPath(), "$"), ".")
}

// scalarText is a scalar's text as written, without its quotes.
func scalarText(node ast.Node) string {
	if tk := node.GetToken(); tk != nil {
		return strings.TrimSpace(tk.Value)
	}
	return strings.TrimSpace(node.String())
}

// decodeError renders a decoding error with its line and source. goccy's
// type errors name a Go struct ("Go struct field Config.Metrics of type
// int"), which the operator never wrote; they are reworded to name the
// key and what it takes.
func decodeError(text []byte, err error) error {
	var te *yaml.TypeError
	var oe *yaml.OverflowError
	switch {
	case errors.As(err, &te) && te.Token != nil:
		if key := keyAt(text, te.Token); key != "" {
			err = &yaml.SyntaxError{Message: fmt.Sprintf("%s: %q is not %s", key, te.Token.Value, kindName(te.DstType)), Token: te.Token}
		}
	case errors.As(err, &oe) && oe.Token != nil:
		if key := keyAt(text, oe.Token); key != "" {
			err = &yaml.SyntaxError{Message: fmt.Sprintf("%s: %q is too large", key, oe.Token.Value), Token: oe.Token}
		}
	}
	return errors.New(yaml.FormatError(err, false, true))
}

// keyAt finds the key of the value at tk's position.
func keyAt(text []byte, tk *token.Token) string {
	f, err := parser.ParseBytes(text, 0)
	if err != nil {
		return ""
	}
	v := &findByPos{pos: tk.Position}
	for _, doc := range f.Docs {
		if doc.Body != nil {
			ast.Walk(v, doc.Body)
		}
	}
	return v.key
}

type findByPos struct {
	pos *token.Position
	key string
}

func (v *findByPos) Visit(n ast.Node) ast.Visitor {
	if v.key != "" {
		return nil
	}
	if tk := n.GetToken(); tk != nil && tk.Position.Line == v.pos.Line && tk.Position.Column == v.pos.Column {
		v.key = keyOf(n)
	}
	return v
}

func kindName(t reflect.Type) string {
	if t == nil {
		return "of the right type"
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number"
	case reflect.Slice, reflect.Array:
		return "a list"
	case reflect.Map, reflect.Struct:
		return "a mapping (key: value lines)"
	default:
		return "a " + t.Kind().String()
	}
}
