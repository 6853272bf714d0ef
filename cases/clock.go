package cases

import "time"

// now is the clock of the workflow; tests of deadlines replace it.
var now = time.Now

// clockSkew forgives a device clock a little ahead of the server's.
const clockSkew = 5 * time.Minute

// ErrInFuture refuses a record of something that has not happened yet.
var ErrInFuture = inputErr("conductedAt", "cannot be in the future")

// ErrAlreadyAgreed refuses to overwrite an agreement: a changed plan is a
// new version, agreed anew.
var ErrAlreadyAgreed = inputErr("id", "this version is agreed already; save a new version instead")
