package server

import (
	"context"
	"errors"
	"net/http"
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
	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/graph"
	"github.com/turbota/turbota/graph/generated"
	"github.com/turbota/turbota/internal/audit"
	"github.com/turbota/turbota/internal/auth"
	"github.com/turbota/turbota/internal/workflow"
	"github.com/turbota/turbota/tenant"
)

var errEnrollmentOnly = errors.New("set up the second factor before anything else")

// enrollmentFields are all a session may use while TOTP enrolment is due.
var enrollmentFields = map[string]bool{
	"viewer": true, "logout": true, "beginTOTPEnrollment": true, "confirmTOTPEnrollment": true, "__typename": true,
}

// newGraphQL builds the hardened GraphQL handler.
func (s *Server) newGraphQL() *handler.Server {
	es := generated.NewExecutableSchema(generated.Config{Resolvers: &graph.Resolver{Auth: s.auth, Authorizer: s.authz, Stats: s.cfg.Aggregates}})
	srv := handler.New(es)
	srv.AddTransport(transport.Options{})
	srv.AddTransport(transport.GET{}) // queries only: gqlgen refuses mutations over GET
	srv.AddTransport(transport.POST{})
	srv.AddTransport(newUploadTransport(s.cfg.UploadSlots, s.cfg.UploadWait))
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
	tx     *ent.Tx    // nil for an anonymous operation, which reads nothing of a community
	claim  *claim     // the mutation's Idempotency-Key, kept with its answer
	failed bool
	// refused are the attempts the walls refused, logged once the
	// operation has ended (see refusals.go).
	refused refusals
}

type opKey struct{}

// aroundOperation runs a signed-in viewer's operation in the viewer's
// transaction: it commits queries (their access log must stay) and
// mutations without errors, and rolls back a failed mutation whole.
// Anonymous operations (sign-in) open none: they may read nothing of any
// community, and sign-in works in its own pool, so a flood of them never
// takes a connection a community's staff needs.
func (s *Server) aroundOperation(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
	oc := graphql.GetOperationContext(ctx)
	setOperation(ctx, oc)
	query := oc.Operation != nil && oc.Operation.Operation == ast.Query
	st := &opState{}
	if v := tenant.FromContext(ctx); v != nil {
		begin := s.begin
		if query {
			begin = s.beginRead
		}
		tx, err := begin(ctx, v)
		if err != nil {
			return graphql.OneShot(s.notServed(ctx, err))
		}
		st.tx = tx
		// The operation's reads go into the access log in one statement,
		// written just before it commits.
		ctx = ent.NewContext(audit.Collect(ctx), tx.Client())
		// Work that must follow the commit (auth: sessions ended after an
		// account is disabled) hooks onto the transaction itself.
		ctx = ent.NewTxContext(ctx, tx)
		if s.cfg.AccessLog != nil {
			ctx = audit.WithWriter(ctx, s.cfg.AccessLog)
		}
		if replay := s.idempotent(ctx, st); replay != nil {
			_ = tx.Rollback()
			return graphql.OneShot(replay)
		}
	}
	ctx = context.WithValue(authz.WithChangeTracking(ctx), opKey{}, st)
	if query {
		ctx = workflow.WithClockCache(ctx)
	}
	respond := next(ctx)
	return func(rctx context.Context) *graphql.Response {
		resp := respond(ctx)
		if resp == nil {
			return nil
		}
		defer s.auditRefusals(ctx, st)
		return s.finish(ctx, st, resp)
	}
}

// idempotent claims a mutation's Idempotency-Key; a non-nil answer (the
// first answer given for the key, or an error) is the whole response.
func (s *Server) idempotent(ctx context.Context, st *opState) *graphql.Response {
	ri, oc := info(ctx), graphql.GetOperationContext(ctx)
	if ri == nil || len(ri.idempotencyKey) == 0 || oc.Operation == nil || oc.Operation.Operation != ast.Mutation {
		return nil
	}
	if len(ri.idempotencyKey) > 1 {
		return keyError(errKeyInvalid)
	}
	c, replay, err := claimKey(ctx, st.tx, ri.idempotencyKey[0], oc)
	var in *keyInputError
	switch {
	case errors.As(err, &in), errors.Is(err, errKeyReused):
		return keyError(err)
	case err != nil:
		return s.notServed(ctx, err)
	case replay != nil:
		ri.replayed = true
		return replay
	}
	st.claim = c
	return nil
}

// notServed is the answer to an operation that could not run or commit.
func (s *Server) notServed(ctx context.Context, err error) *graphql.Response {
	if errors.Is(err, auth.ErrUnauthenticated) { // the session ended on another server (beginWith)
		info(ctx).fail(http.StatusUnauthorized, 0) // as the middleware answers an ended session
		return &graphql.Response{Errors: gqlerror.List{{Message: "The session has ended; sign in again.",
			Extensions: map[string]any{"code": CodeUnauthenticated}}}}
	}
	if g := (&gqlerror.Error{}); abandoned(ctx, g, err) {
		return &graphql.Response{Errors: gqlerror.List{g}}
	}
	code := fault(err)
	if code == "" {
		zerolog.Ctx(ctx).Error().Str("error", err.Error()).Msg("internal error")
		return &graphql.Response{Errors: gqlerror.List{{Message: "Internal error.", Extensions: map[string]any{"code": CodeInternal}}}}
	}
	g := &gqlerror.Error{}
	faultError(ctx, g, code, err)
	return &graphql.Response{Errors: gqlerror.List{g}}
}

func (s *Server) finish(ctx context.Context, st *opState, resp *graphql.Response) *graphql.Response {
	if ri := info(ctx); ri != nil {
		for _, e := range resp.Errors {
			if code, ok := e.Extensions["code"].(string); ok {
				ri.errCodes = append(ri.errCodes, code)
			}
		}
	}
	if st.tx == nil {
		return resp
	}
	op := graphql.GetOperationContext(ctx).Operation
	if op != nil && op.Operation == ast.Mutation && len(resp.Errors) > 0 {
		_ = st.tx.Rollback()
		return resp
	}
	// A read-only operation's access lines go to the writer once it has
	// committed (audit.Writer); a change writes its own with its commit.
	queued := s.cfg.AccessLog != nil && op != nil && op.Operation == ast.Query
	if !queued {
		if err := audit.Flush(ctx, st.tx.Client()); err != nil {
			_ = st.tx.Rollback()
			return s.notServed(ctx, err)
		}
	}
	if st.claim != nil {
		if err := st.claim.keep(ctx, st.tx, resp); err != nil {
			_ = st.tx.Rollback()
			return s.notServed(ctx, err)
		}
	}
	// A commit that fails, or runs past the deadline, leaves nothing
	// written: database/sql rolls back a transaction whose context ended.
	if err := st.tx.Commit(); err != nil {
		return s.notServed(ctx, err)
	}
	if queued {
		if err := s.cfg.AccessLog.Append(ctx); err != nil {
			return s.notServed(ctx, err)
		}
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
	// A field read from its object (most of an answer's fields) has nothing
	// to serialise or time: it goes straight through.
	if fc != nil && (fc.IsResolver || fc.IsMethod) {
		// Edges of ent types are methods that query too, so they queue as well.
		if st, ok := ctx.Value(opKey{}).(*opState); ok {
			st.mu.Lock()
			defer st.mu.Unlock()
		}
	}
	var start time.Time
	if fc != nil && fc.IsResolver {
		start = time.Now()
	}
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
