package server

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/99designs/gqlgen/graphql"
	"github.com/lib/pq"
	"github.com/rs/zerolog"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/turbota/turbota/authz"
	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/privacy"
	"github.com/turbota/turbota/graph"
	"github.com/turbota/turbota/internal/auth"
	"github.com/turbota/turbota/internal/auth/secret"
	"github.com/turbota/turbota/internal/procedure"
	"github.com/turbota/turbota/tenant"
)

// The stable error codes of the API (extensions.code).
const (
	CodeUnauthenticated = "UNAUTHENTICATED"
	CodeForbidden       = "FORBIDDEN"
	CodeNotFound        = "NOT_FOUND"
	CodeBadUserInput    = "BAD_USER_INPUT"
	CodeConflict        = "CONFLICT"
	CodeRateLimited     = "RATE_LIMITED"
	CodeInternal        = "INTERNAL"
)

// Reasons that refine RATE_LIMITED (extensions.reason).
const (
	// ReasonLoginThrottled: too many failed sign-ins for the account or
	// the client address.
	ReasonLoginThrottled = "LOGIN_THROTTLED"
	// ReasonUploadsBusy: the server is storing as many uploads as it can.
	ReasonUploadsBusy = "UPLOADS_BUSY"
)

// Reasons that refine FORBIDDEN (extensions.reason).
const (
	// ReasonAddressNotAllowed: an API client called from outside the
	// address ranges its community allowed it.
	ReasonAddressNotAllowed = "ADDRESS_NOT_ALLOWED"
)

// resolverError marks an error a resolver returned, as opposed to one the
// executor raised while reading the request (bad arguments, bad values).
type resolverError struct{ err error }

func (e *resolverError) Error() string { return e.err.Error() }
func (e *resolverError) Unwrap() error { return e.err }

// presentError gives every error a stable code and a message that tells
// nothing of SQL, stack traces or other communities.
func presentError(ctx context.Context, err error) *gqlerror.Error {
	gqlErr := graphql.DefaultErrorPresenter(ctx, err)
	var rerr *resolverError
	if !errors.As(err, &rerr) {
		// Parse, validation, limits and argument coercion: the request itself.
		reason, _ := gqlErr.Extensions["code"].(string)
		setCode(gqlErr, CodeBadUserInput)
		if reason != "" {
			gqlErr.Extensions["reason"] = reason
		}
		return gqlErr
	}
	var own *gqlerror.Error
	if errors.As(rerr.err, &own) {
		// A resolver's own GraphQL error (entgql's paging checks): the
		// presenter found it inside rerr; pointing it back at rerr would
		// wrap it in itself and send errors.Is round for ever.
		gqlErr = resolverGraphQLError(own)
	} else {
		gqlErr.Err = rerr.err
	}
	classify(ctx, gqlErr, rerr.err)
	gqlErr.Message = capitalised(gqlErr.Message)
	return gqlErr
}

// resolverGraphQLError copies a GraphQL error a resolver returned: a
// check of the request's arguments, so BAD_USER_INPUT, its own code kept
// as the reason.
func resolverGraphQLError(own *gqlerror.Error) *gqlerror.Error {
	g := &gqlerror.Error{Message: own.Message, Path: own.Path, Locations: own.Locations, Rule: own.Rule,
		Extensions: map[string]any{"code": CodeBadUserInput}}
	if reason, ok := own.Extensions["code"].(string); ok {
		g.Extensions["reason"] = reason
	}
	return g
}

func classify(ctx context.Context, g *gqlerror.Error, err error) {
	var (
		rate       *auth.RateLimitedError
		input      *auth.InputError
		limit      *graph.LimitError
		invalid    *ent.ValidationError
		transition *procedure.TransitionError
		rule       *procedure.RuleError
		refusal    *authz.Refusal
		escalation *authz.Escalation
		ruleInput  *authz.RuleInputError
	)
	if abandoned(ctx, g, err) {
		return
	}
	if code := fault(err); code != "" {
		faultError(ctx, g, code, err)
		return
	}
	switch {
	case errors.As(err, new(*gqlerror.Error)):
		return // a check of the arguments: resolverGraphQLError coded it
	case errors.Is(err, auth.ErrTOTPRequired):
		setCode(g, CodeUnauthenticated)
		g.Extensions["reason"] = "TOTP_REQUIRED"
	case errors.Is(err, auth.ErrTOTPInvalid):
		setCode(g, CodeUnauthenticated)
		g.Extensions["reason"] = "TOTP_INVALID"
	case errors.Is(err, auth.ErrInvalidCredentials), errors.Is(err, auth.ErrUnauthenticated):
		setCode(g, CodeUnauthenticated)
	case errors.As(err, &rate):
		setCode(g, CodeRateLimited)
		g.Extensions["retryAfterSeconds"] = int(rate.RetryAfter.Seconds())
		if rate.Failures {
			// The sign-in throttle's own refusal, which the app words as
			// "too many failed attempts"; other RATE_LIMITED answers are
			// about how often, not how wrongly, a client asks.
			g.Extensions["reason"] = ReasonLoginThrottled
		}
		info(ctx).fail(http.StatusTooManyRequests, int(rate.RetryAfter.Seconds()))
	case errors.Is(err, errEnrollmentOnly):
		setCode(g, CodeForbidden)
		g.Extensions["reason"] = "TOTP_ENROLLMENT_REQUIRED"
	case errors.Is(err, auth.ErrTOTPNotPending), errors.Is(err, auth.ErrTOTPAlreadyEnabled):
		setCode(g, CodeConflict)
	case errors.As(err, &rule):
		ruleError(g, rule)
	case errors.As(err, &transition):
		setCode(g, CodeConflict)
		g.Extensions["allowed"] = transition.Allowed
	case errors.As(err, &input):
		badInput(g, input.Field, input.Err.Error())
		if r := secret.Reason(input.Err); r != "" {
			g.Extensions["reason"] = r
		} else if errors.Is(input.Err, auth.ErrWrongPassword) {
			g.Extensions["reason"] = "CURRENT_PASSWORD_WRONG"
		} else if errors.Is(input.Err, auth.ErrResetLinkInvalid) {
			g.Extensions["reason"] = "RESET_LINK_INVALID"
		}
	case errors.As(err, &limit):
		badInput(g, limit.Field, fmt.Sprintf("The field %s allows at most %d.", limit.Field, limit.Max))
	case errors.As(err, &invalid):
		badInput(g, invalid.Name, "invalid value for "+invalid.Name)
	case errors.Is(err, tenant.ErrNotVisible), ent.IsNotFound(err):
		setCode(g, CodeNotFound)
		g.Message = "Not found."
		if errors.As(err, new(*authz.Unseen)) {
			refused(ctx, err)
		}
		var ref *authz.RefError
		if errors.As(err, &ref) {
			g.Extensions["field"] = ref.Field
		}
	case errors.As(err, &ruleInput):
		badInput(g, ruleInput.Field, ruleInput.Err.Error())
	case errors.As(err, &refusal):
		setCode(g, CodeForbidden)
		g.Message = refusal.Reason
		if refusal.Code != "" {
			g.Extensions["reason"] = refusal.Code
		}
		refused(ctx, err)
	case errors.As(err, &escalation):
		setCode(g, CodeForbidden)
		g.Message = escalation.Error()
		refused(ctx, err)
	case errors.Is(err, authz.ErrForbidden), errors.Is(err, privacy.Deny):
		setCode(g, CodeForbidden)
		g.Message = "Your role does not allow this."
		refused(ctx, err)
	case ent.IsConstraintError(err), isPQ(err, "23503", "23505"):
		constraint(g, err)
	case isPQ(err, "42501"):
		// Row-level security refused it: the walls above should have.
		setCode(g, CodeNotFound)
		g.Message = "Not found."
		zerolog.Ctx(ctx).Warn().Msg("row-level security stopped a change the privacy rules let through")
	default:
		setCode(g, CodeInternal)
		zerolog.Ctx(ctx).Error().Str("error", err.Error()).Msg("internal error")
		g.Message = "Internal error."
	}
}

// constraint maps database constraint violations: a reference to something
// that does not exist (or is out of reach) is NOT_FOUND, a duplicate CONFLICT.
func constraint(g *gqlerror.Error, err error) {
	var pqErr *pq.Error
	errors.As(err, &pqErr)
	switch {
	case pqErr != nil && pqErr.Code == "23503":
		setCode(g, CodeNotFound)
		g.Message = "A referenced record was not found."
	case pqErr != nil && pqErr.Code == "23505":
		setCode(g, CodeConflict)
		g.Message = "Such a record already exists."
	default:
		setCode(g, CodeBadUserInput)
		g.Message = "The change breaks a rule of the data."
	}
}

func badInput(g *gqlerror.Error, field, msg string) {
	setCode(g, CodeBadUserInput)
	g.Extensions["field"] = field
	g.Message = sentence(field, msg)
}

// sentence makes a message about a field a sentence: the field code stays
// in the extensions, the person reads "The field conclusion must not be
// empty." rather than "must not be empty".
func sentence(field, msg string) string {
	msg = strings.TrimSpace(msg)
	switch {
	case msg == "":
		return "The value of " + field + " is not valid."
	case strings.HasPrefix(msg, "must ") || strings.HasPrefix(msg, "cannot "):
		msg = "The field " + field + " " + msg
	case strings.HasPrefix(msg, "not "):
		msg = "The " + field + " given is " + msg
	}
	return capitalised(msg)
}

// capitalised: every message a person reads starts with a capital and ends
// like a sentence.
func capitalised(msg string) string {
	msg = strings.TrimSpace(msg)
	if msg == "" {
		return msg
	}
	r, n := utf8.DecodeRuneInString(msg)
	msg = string(unicode.ToUpper(r)) + msg[n:]
	if !strings.HasSuffix(msg, ".") && !strings.HasSuffix(msg, "?") && !strings.HasSuffix(msg, "!") {
		msg += "."
	}
	return msg
}

func setCode(g *gqlerror.Error, code string) {
	if g.Extensions == nil {
		g.Extensions = map[string]any{}
	}
	g.Extensions["code"] = code
}

func isPQ(err error, codes ...string) bool {
	var pqErr *pq.Error
	if !errors.As(err, &pqErr) {
		return false
	}
	for _, c := range codes {
		if string(pqErr.Code) == c {
			return true
		}
	}
	return false
}

// ruleError: a rule of the procedure the request broke. Refusing services
// where the law forbids it is a conflict with the case's facts; the others
// are missing or wrong input.
func ruleError(g *gqlerror.Error, r *procedure.RuleError) {
	if r.Code.Conflict() {
		setCode(g, CodeConflict)
	} else {
		setCode(g, CodeBadUserInput)
	}
	g.Extensions["rule"] = string(r.Code)
	g.Message = r.Error()
}

// faultError: the request could not be served. The answer's status says so
// (503 or 504 with Retry-After), and the log line is an error.
func faultError(ctx context.Context, g *gqlerror.Error, code string, err error) {
	setCode(g, code)
	g.Extensions["retryAfterSeconds"] = retryAfterSeconds
	g.Message = "The database is unavailable; try again shortly."
	if code == CodeTimeout {
		g.Message = "The request took too long and was not carried out; try again."
	}
	info(ctx).fail(faultStatus(code), retryAfterSeconds)
	zerolog.Ctx(ctx).Error().Str("error", err.Error()).Str("code", code).Msg("request not served")
}
