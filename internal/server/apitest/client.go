package apitest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"mime/multipart"
	"net/http"

	"github.com/Khan/genqlient/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// Client calls /graphql as one signed-in viewer (or anonymously, with no
// token). It reads every answer whatever its HTTP status, because the
// server's refusals carry their stable code in the body.
type Client struct {
	URL   string // the server's /graphql endpoint
	Token string // bearer token; "" for anonymous
	HTTP  *http.Client
}

var _ graphql.Client = (*Client)(nil)

// As is a client for the same server as another viewer.
func (c *Client) As(token string) *Client {
	return &Client{URL: c.URL, Token: token, HTTP: c.HTTP}
}

// MakeRequest implements graphql.Client: a JSON post, or a GraphQL
// multipart request when a variable holds an Upload.
func (c *Client) MakeRequest(ctx context.Context, req *graphql.Request, resp *graphql.Response) error {
	body, contentType, err := encode(req)
	if err != nil {
		return err
	}
	hr, err := http.NewRequestWithContext(ctx, http.MethodPost, c.URL, bytes.NewReader(body))
	if err != nil {
		return err
	}
	hr.Header.Set("Content-Type", contentType)
	if c.Token != "" {
		hr.Header.Set("Authorization", "Bearer "+c.Token)
	}
	httpClient := c.HTTP
	if httpClient == nil {
		httpClient = http.DefaultClient
	}
	res, err := httpClient.Do(hr)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	if err := json.NewDecoder(res.Body).Decode(resp); err != nil {
		return fmt.Errorf("%s: status %d, undecodable answer: %w", req.OpName, res.StatusCode, err)
	}
	if len(resp.Errors) > 0 {
		return resp.Errors
	}
	return nil
}

// encode is the request's body: JSON, or multipart with each Upload of
// the variables as a file part (the GraphQL multipart request spec).
func encode(req *graphql.Request) (body []byte, contentType string, err error) {
	ops, err := json.Marshal(req)
	if err != nil {
		return nil, "", err
	}
	files := uploadsIn(req.Variables)
	if len(files) == 0 {
		return ops, "application/json", nil
	}
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	_ = w.WriteField("operations", string(ops))
	paths := map[string][]string{}
	for i, f := range files {
		paths[fmt.Sprint(i)] = []string{"variables." + f.path}
	}
	m, _ := json.Marshal(paths)
	_ = w.WriteField("map", string(m))
	for i, f := range files {
		fw, err := w.CreateFormFile(fmt.Sprint(i), f.upload.Name)
		if err != nil {
			return nil, "", err
		}
		if _, err := fw.Write(f.upload.Data); err != nil {
			return nil, "", err
		}
	}
	if err := w.Close(); err != nil {
		return nil, "", err
	}
	return b.Bytes(), w.FormDataContentType(), nil
}

// Code is the stable code (extensions.code) of the first GraphQL error in
// err, or "" when err is nil. A transport failure is "TRANSPORT".
func Code(err error) string {
	if err == nil {
		return ""
	}
	if e := first(err); e != nil {
		if code, ok := e.Extensions["code"].(string); ok {
			return code
		}
		return "NO_CODE"
	}
	return "TRANSPORT"
}

// Rule is the first error's extensions.rule (which rule of the procedure
// refused), or "".
func Rule(err error) string { return extension(err, "rule") }

// Field is the first error's extensions.field (which input was bad), or "".
func Field(err error) string { return extension(err, "field") }

// Extension is any extension of the first error.
func Extension(err error, key string) any {
	if e := first(err); e != nil {
		return e.Extensions[key]
	}
	return nil
}

func extension(err error, key string) string {
	s, _ := Extension(err, key).(string)
	return s
}

func first(err error) *gqlerror.Error {
	var list gqlerror.List
	if errors.As(err, &list) && len(list) > 0 {
		return list[0]
	}
	return nil
}
