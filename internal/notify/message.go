package notify

import (
	"fmt"
	"strings"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/notification"
)

// subjects: what each notification says, in Ukrainian and in English.
var subjects = map[notification.Kind][2]string{
	notification.KindREPORT_RECEIVED:    {"Нове повідомлення про дитину", "A new report about a child"},
	notification.KindREFERRAL_RECEIVED:  {"Ваша організація отримала направлення", "Your organisation received a referral"},
	notification.KindREFERRAL_ANSWERED:  {"Відповідь на ваше направлення", "Your referral was answered"},
	notification.KindAPPROVAL_REQUESTED: {"Потрібне ваше погодження", "Your approval is requested"},
	notification.KindAPPROVAL_DECIDED:   {"Рішення щодо погодження", "Your request was approved or returned"},
	notification.KindDEADLINE_NEAR:      {"Наближається строк", "A deadline is near"},
	notification.KindDEADLINE_PASSED:    {"Строк минув", "A deadline has passed"},
	notification.KindTASK_DUE_SOON:      {"Наближається строк завдання", "A task is due soon"},
	notification.KindTASK_OVERDUE:       {"Завдання прострочене", "A task is overdue"},
	notification.KindEMERGENCY_ACCESS: {"Екстрений доступ до випадку надано наглядовому органу",
		"Emergency access to a case was granted to an overseer"},
	notification.KindACCESS_REVOKED:     {"Доступ до випадку припинено", "Your access to a case was withdrawn"},
	notification.KindCASE_ASSIGNED:      {"Зміна ведучого випадку", "A case was assigned to you or taken from you"},
	notification.KindTRANSFER_REQUESTED: {"Запит на передачу випадку до вашої громади", "A case transfer to your community was requested"},
	notification.KindTRANSFER_ANSWERED:  {"Відповідь на запит про передачу випадку", "A case transfer was answered"},
	notification.KindDANGER_FOUND: {"Оцінювання потреб виявило загрозу життю чи здоров'ю дитини",
		"A needs assessment found a threat to a child's life or health"},
}

// Message is the e-mail of a notification: both languages, a link to the
// case, no personal data.
func Message(n *ent.Notification, baseURL string) (subject, body string) {
	s := subjects[n.Kind]
	subject = "Турбота: " + s[0] + " / " + s[1]
	var b strings.Builder
	fmt.Fprintf(&b, "%s.\n%s.\n", s[0], s[1])
	if n.Detail != "" {
		fmt.Fprintf(&b, "\n%s\n", n.Detail)
	}
	if n.CaseID != nil {
		fmt.Fprintf(&b, "\n%s/cases/%s\n", strings.TrimSuffix(baseURL, "/"), *n.CaseID)
	}
	return subject, b.String()
}
