package secret

// commonPasswords lists very common passwords from public breach corpora.
// Only entries of 12+ characters are useful: shorter ones already fail the
// length rule. Keys are lower case; ValidatePassword lower-cases its input.
var commonPasswords = toSet(
	"123456789012",
	"1234567890123",
	"12345678901234",
	"123456789012345",
	"1234567890qwerty",
	"1q2w3e4r5t6y",
	"1q2w3e4r5t6y7u8i",
	"1qaz2wsx3edc",
	"1qaz2wsx3edc4rfv",
	"qazwsxedcrfv",
	"qwertyuiopasdfgh",
	"qwertyuiop12",
	"qwertyuiop123",
	"qwerty123456",
	"qwerty1234567",
	"qwertyqwerty",
	"asdfghjkl123",
	"zxcvbnm12345",
	"abcdefghijkl",
	"abc123456789",
	"abcd12345678",
	"000000000000",
	"111111111111",
	"aaaaaaaaaaaa",
	"password1234",
	"password12345",
	"password123456",
	"password1234!",
	"passwordpassword",
	"mypassword123",
	"mypassword1234",
	"changeme1234",
	"letmein12345",
	"welcome12345",
	"welcome123456",
	"iloveyou1234",
	"iloveyou12345",
	"administrator",
	"admin1234567",
	"adminadmin123",
	"football1234",
	"baseball1234",
	"sunshine1234",
	"princess1234",
	"starwars1234",
	"trustno11234",
	"superman1234",
	"correcthorsebatterystaple",
	"12345678910111213",
	"987654321987",
	"turbota12345",
	"turbotaturbota",
)

func toSet(words ...string) map[string]struct{} {
	m := make(map[string]struct{}, len(words))
	for _, w := range words {
		m[w] = struct{}{}
	}
	return m
}
