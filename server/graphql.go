package server

import (
	"context"
	"errors"
	"strings"
	"sync"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/rs/zerolog"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/turbota/turbota/authz"
	"github.com/turbota/turbota/cases"
	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/graph"
	"github.com/turbota/turbota/graph/generated"
	"github.com/turbota/turbota/tenant"
)

var errEnrollmentOnly = errors.New("set up the second factor before anything else")

// enrollmentFields are all a session may use while TOTP enrolment is due.
var enrollmentFields = map[string]bool{
	"viewer": true, "logout": true, "beginTOTPEnrollment": true, "confirmTOTPEnrollment": true, "__typename": true,
}

// newGraphQL builds the hardened GraphQL handler.
func (s *Server) newGraphQL() *handler.Server {
	es := generated.NewExecutableSchema(generated.Config{Resolvers: &graph.Resolver{Auth: s.auth, Authorizer: s.authz, Stats: s.db}})
	srv := handler.New(es)
	srv.AddTransport(transport.Options{})
	srv.AddTransport(transport.GET{}) // queries only: gqlgen refuses mutations over GET
	srv.AddTransport(transport.POST{})
	srv.AddTransport(transport.MultipartForm{MaxUploadSize: cases.MaxDocumentSize + 1<<20, MaxMemory: 8 << 20})
	srv.SetQueryCache(lru.New[*ast.QueryDocument](1000))
	srv.SetParserTokenLimit(parserTokenLimit)
	srv.Use(extension.AutomaticPersistedQuery{Cache: lru.New[string](1000)})
	if s.cfg.Introspection {
		srv.Use(extension.Introspection{})
	}
	srv.Use(newDocumentLimits(s.cfg.Limits)) // before validation, after persisted queries
	srv.Use(inputCheck{})
	srv.Use(newOperationLimits(es, s.cfg.Limits))
	srv.SetErrorPresenter(presentError)
	srv.SetRecoverFunc(func(ctx context.Context, p any) error {
		zerolog.Ctx(ctx).Error().Interface("panic", p).Msg("resolver panic")
		return &resolverError{errors.New("panic")}
	})
	srv.AroundOperations(s.aroundOperation)
	srv.AroundRootFields(aroundRootField)
	srv.AroundFields(s.aroundField)
	return srv
}

// opState is what one operation's middleware shares.
type opState struct {
	mu     sync.Mutex // one resolver at a time: they share one transaction
	tx     *ent.Tx
	failed bool
}

type opKey struct{}

// aroundOperation runs the operation in the viewer's transaction: it
// commits queries (their access log must stay) and mutations without
// errors, and rolls back a failed mutation whole.
func (s *Server) aroundOperation(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
	v := tenant.FromContext(ctx)
	tx, err := tenant.Begin(ctx, s.client, v)
	if err != nil {
		return graphql.OneShot(graphql.ErrorResponse(ctx, "internal error"))
	}
	st := &opState{tx: tx}
	ctx = context.WithValue(ctx, opKey{}, st)
	ctx = ent.NewContext(authz.WithChangeTracking(ctx), tx.Client())
	if op := graphql.GetOperationContext(ctx).Operation; op != nil && op.Operation == ast.Query {
		ctx = cases.WithClockCache(ctx)
	}
	setOperation(ctx, graphql.GetOperationContext(ctx))
	respond := next(ctx)
	return func(rctx context.Context) *graphql.Response {
		resp := respond(ctx)
		if resp == nil {
			return nil
		}
		return s.finish(ctx, st, resp)
	}
}

func (s *Server) finish(ctx context.Context, st *opState, resp *graphql.Response) *graphql.Response {
	if ri := info(ctx); ri != nil {
		for _, e := range resp.Errors {
			if code, ok := e.Extensions["code"].(string); ok {
				ri.errCodes = append(ri.errCodes, code)
			}
		}
	}
	op := graphql.GetOperationContext(ctx).Operation
	if op != nil && op.Operation == ast.Mutation && len(resp.Errors) > 0 {
		_ = st.tx.Rollback()
		return resp
	}
	if err := st.tx.Commit(); err != nil {
		zerolog.Ctx(ctx).Error().Str("error", err.Error()).Msg("commit failed")
		return &graphql.Response{Errors: gqlerror.List{{Message: "internal error", Extensions: map[string]any{"code": CodeInternal}}}}
	}
	if authz.Changed(ctx) {
		if err := s.authz.Reload(context.WithoutCancel(ctx)); err != nil {
			zerolog.Ctx(ctx).Error().Str("error", err.Error()).Msg("policy reload failed")
		}
	}
	return resp
}

// aroundRootField holds a session that must first enrol in TOTP to the
// enrolment fields.
func aroundRootField(ctx context.Context, next graphql.RootResolver) graphql.Marshaler {
	v := tenant.FromContext(ctx)
	if v != nil && v.EnrollmentOnly && !enrollmentFields[graphql.GetRootFieldContext(ctx).Field.Name] {
		graphql.AddError(ctx, &resolverError{errEnrollmentOnly})
		return graphql.Null
	}
	return next(ctx)
}

// aroundField serialises resolvers of one operation (they share its
// transaction) and marks errors as coming from resolvers. Page sizes are
// checked with the operation's other limits, before anything runs.
func (s *Server) aroundField(ctx context.Context, next graphql.Resolver) (any, error) {
	fc := graphql.GetFieldContext(ctx)
	// Edges of ent types are methods that query too, so they queue as well.
	if st, ok := ctx.Value(opKey{}).(*opState); ok && fc != nil && (fc.IsResolver || fc.IsMethod) {
		st.mu.Lock()
		defer st.mu.Unlock()
	}
	start := time.Now()
	res, err := next(ctx)
	if fc != nil && fc.IsResolver {
		observeResolver(fc.Object, time.Since(start))
	}
	if err != nil && (fc == nil || !strings.HasPrefix(fc.Field.Name, "__")) {
		return res, &resolverError{err}
	}
	// Introspection refused by configuration is a request we do not serve.
	return res, err
}
