package apitest

import (
	"reflect"
	"strings"
)

// Upload is a file sent as a GraphQL Upload variable. In the JSON of the
// operation it is null; the client sends its bytes as a multipart part
// mapped to the variable's path.
type Upload struct {
	Name string
	Data []byte
}

// MarshalJSON is null: the file travels in its own part.
func (Upload) MarshalJSON() ([]byte, error) { return []byte("null"), nil }

// UnmarshalJSON accepts anything: the server never answers with an Upload.
func (*Upload) UnmarshalJSON([]byte) error { return nil }

type located struct {
	path   string
	upload Upload
}

// uploadsIn finds the Uploads in a request's variables (generated structs
// with json tags), with their dotted JSON paths.
func uploadsIn(vars any) []located {
	var out []located
	walk(reflect.ValueOf(vars), "", &out)
	return out
}

var uploadType = reflect.TypeOf(Upload{})

func walk(v reflect.Value, path string, out *[]located) {
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return
		}
		v = v.Elem()
	}
	if !v.IsValid() {
		return
	}
	if v.Type() == uploadType {
		*out = append(*out, located{path: path, upload: v.Interface().(Upload)})
		return
	}
	if v.Kind() != reflect.Struct {
		return
	}
	for i := range v.NumField() {
		f := v.Type().Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "" || name == "-" {
			continue
		}
		p := name
		if path != "" {
			p = path + "." + name
		}
		walk(v.Field(i), p, out)
	}
}
