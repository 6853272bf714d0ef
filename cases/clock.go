package cases

import "time"

// now is the clock of the workflow; tests of deadlines replace it.
var now = time.Now
