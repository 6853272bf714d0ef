package notify

import (
	"fmt"
	"strings"
	"time"
)

// Security e-mails tell a person what happened to their own account, in
// Ukrainian and in English: a sign-in from a new device, a changed
// password, a reset second factor, a disabled account, and the link to set
// a new password. They carry no one else's data (never a family's or a
// child's) and no secret but the reset link itself.

// SecurityEvent is what happened to the account.
type SecurityEvent string

// The security events a person is told of.
const (
	NewDevice       SecurityEvent = "NEW_DEVICE"
	PasswordChanged SecurityEvent = "PASSWORD_CHANGED"
	FactorReset     SecurityEvent = "FACTOR_RESET"
	AccountDisabled SecurityEvent = "ACCOUNT_DISABLED"
)

// securityTexts: subject, then what happened and what to do, uk and en.
var securityTexts = map[SecurityEvent][2][2]string{
	NewDevice: {
		{"Вхід з нового пристрою", "У ваш обліковий запис увійшли з браузера або пристрою, з якого раніше не входили. " +
			"Якщо це були не ви, змініть пароль і повідомте адміністратора громади."},
		{"Sign-in from a new device", "Someone signed in to your account from a browser or device not used before. " +
			"If it was not you, change your password and tell your community's administrator."},
	},
	PasswordChanged: {
		{"Пароль змінено", "Пароль вашого облікового запису змінено; усі інші сеанси завершено. " +
			"Якщо це були не ви, зверніться до адміністратора громади."},
		{"Your password was changed", "The password of your account was changed and your other sessions ended. " +
			"If it was not you, contact your community's administrator."},
	},
	FactorReset: {
		{"Другий фактор скинуто", "Адміністратор скинув другий фактор входу вашого облікового запису. " +
			"Під час наступного входу налаштуйте застосунок-автентифікатор знову."},
		{"Your second factor was reset", "An administrator reset the second sign-in factor of your account. " +
			"Set up your authenticator app again when you next sign in."},
	},
	AccountDisabled: {
		{"Обліковий запис вимкнено", "Ваш обліковий запис вимкнено; усі сеанси завершено. " +
			"З питаннями звертайтеся до адміністратора громади."},
		{"Your account was disabled", "Your account was disabled and all its sessions ended. " +
			"Ask your community's administrator if you have questions."},
	},
}

// SecurityMessage is the e-mail telling a person of an event on their
// account at a time (shown in UTC).
func SecurityMessage(e SecurityEvent, at time.Time) (subject, body string) {
	t := securityTexts[e]
	subject = "Турбота: " + t[0][0] + " / " + t[1][0]
	when := at.UTC().Format("2006-01-02 15:04 UTC")
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s).\n%s\n\n%s (%s).\n%s\n", t[0][0], when, t[0][1], t[1][0], when, t[1][1])
	return subject, b.String()
}

// ResetMessage is the e-mail with a link to set a new password. The token
// travels in the link's fragment, which browsers never send to a server,
// so no access log or Referer header carries it.
func ResetMessage(baseURL, token string, valid time.Duration) (subject, body string) {
	link := strings.TrimSuffix(baseURL, "/") + "/reset-password#token=" + token
	minutes := int(valid.Minutes())
	subject = "Турбота: Відновлення пароля / Password reset"
	body = fmt.Sprintf("Щоб задати новий пароль, відкрийте посилання протягом %d хв. Воно діє один раз:\n%s\n"+
		"Якщо ви не просили відновити пароль, нічого не робіть: пароль лишиться тим самим.\n\n"+
		"To set a new password, open the link within %d minutes. It works once:\n%s\n"+
		"If you did not ask to reset your password, do nothing: it stays as it is.\n", minutes, link, minutes, link)
	return subject, body
}
