package server_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/internal/demo"
	"github.com/turbota/turbota/internal/oversight/emergency"
	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/internal/server/apitest"
)

// actorTables: one per workflow mutation of the schema, keyed by its name
// (the coverage test fails on a workflow mutation missing here); a
// mutation with several steps of its own has more, keyed "name/step". Unless a table says
// otherwise the owner is the children's service, the colleague the
// community admin, the other community's user Полтава's children's service.
var actorTables = map[string]actorTable{
	// A transfer to another community: the sending community's children's
	// service asks (the guardianship body reads transfers, may not send one).
	"requestCaseTransfer": {
		colleagueEmail: demo.VinnytsiaGuardianshipEmail,
		call: func(ctx context.Context, c *apitest.Client, s *scene, _ string) error {
			_, err := apitest.RequestCaseTransfer(ctx, c, s.cs, string(fx[otherRegion].Community), "сім'я переїхала", ptr("ст. 12 ЗУ «Про охорону дитинства»"))
			return err
		},
		want: refusedOutside(forbidden, notFound),
	},
	// A family with no open case moves (its case closed, the consent to the
	// transfer recorded).
	"requestFamilyTransfer": {
		colleagueEmail: demo.VinnytsiaGuardianshipEmail,
		setup:          func(t *testing.T, s *scene) string { return s.familyToMove(t) },
		call: func(ctx context.Context, c *apitest.Client, s *scene, family string) error {
			_, err := apitest.RequestFamilyTransfer(ctx, c, family, string(fx[otherRegion].Community), "сім'я переїхала")
			return err
		},
		want: refusedOutside(forbidden, notFound),
	},
	// The receiving community answers: its children's service is the owner
	// here; its admin may not read transfers; the sender's children's
	// service (other) may not answer for the receiver.
	"acceptCaseTransfer": {
		ownerEmail: demo.PoltavaChildrenServiceEmail, colleagueEmail: demo.PoltavaAdminEmail, otherEmail: demo.VinnytsiaChildrenServiceEmail,
		setup: func(t *testing.T, s *scene) string { return s.askTransfer(t) },
		call: func(ctx context.Context, c *apitest.Client, s *scene, id string) error {
			_, err := apitest.AcceptCaseTransfer(ctx, c, id)
			return err
		},
		want: refusedOutside(notFound, notFound),
	},
	"declineCaseTransfer": {
		ownerEmail: demo.PoltavaChildrenServiceEmail, colleagueEmail: demo.PoltavaAdminEmail, otherEmail: demo.VinnytsiaChildrenServiceEmail,
		setup: func(t *testing.T, s *scene) string { return s.askTransfer(t) },
		call: func(ctx context.Context, c *apitest.Client, s *scene, id string) error {
			_, err := apitest.DeclineCaseTransfer(ctx, c, id, "сім'я за цією адресою не проживає")
			return err
		},
		want: refusedOutside(notFound, notFound),
	},
	// The sender withdraws; the receiver (other) may not withdraw for it.
	"withdrawCaseTransfer": {
		colleagueEmail: demo.VinnytsiaGuardianshipEmail, otherEmail: demo.PoltavaChildrenServiceEmail,
		setup: func(t *testing.T, s *scene) string { return s.askTransfer(t) },
		call: func(ctx context.Context, c *apitest.Client, s *scene, id string) error {
			_, err := apitest.WithdrawCaseTransfer(ctx, c, id, ptr("сім'я лишається"))
			return err
		},
		want: refusedOutside(forbidden, notFound),
	},
	// Reports: anyone who reports may, a school or a hotline app included.
	"submitReport": {
		call: func(ctx context.Context, c *apitest.Client, s *scene, _ string) error {
			_, err := apitest.SubmitReport(ctx, c, apitest.CreateReportInput{CommunityID: s.community,
				Source: apitest.ReportSourceHotline, Summary: "дитина сама вдома"})
			return err
		},
		want: outcomes{owner: allowed, colleague: forbidden, provider: forbidden, other: notFound,
			regional: notFound, apiClient: allowed},
	},
	// The children's service corrects a report (the reason and the values
	// before are kept); whoever may not read it does not find it.
	"correctReport": {
		call: func(ctx context.Context, c *apitest.Client, s *scene, _ string) error {
			_, err := apitest.CorrectReport(ctx, c, apitest.CorrectReportInput{ReportID: s.report, Reason: "дзвонив сусід, не школа",
				Source: ptr(apitest.ReportSourceNeighbour)})
			return err
		},
		want: refusedOutside(notFound, notFound),
	},
	// The colleague of the case's steps is the guardianship body, which
	// reads the case but may not change it: it hears so (the case's
	// policy, authz.RequireRoleToUpdate), where it used to hear NOT_FOUND.
	"updateCase": {
		colleagueEmail: demo.VinnytsiaGuardianshipEmail,
		setup:          func(t *testing.T, s *scene) string { return viewerID(t, s.ssd) },
		call: func(ctx context.Context, c *apitest.Client, s *scene, manager string) error {
			_, err := apitest.UpdateCase(ctx, c, s.cs, apitest.UpdateCaseInput{ManagerID: &manager})
			return err
		},
		want: refusedOutside(forbidden, notFound),
	},
	// A supervisor assigns a case to someone else; the guardianship body
	// reads the case but may not change it.
	"assignCase": {
		colleagueEmail: demo.VinnytsiaGuardianshipEmail,
		setup:          func(t *testing.T, s *scene) string { return viewerID(t, s.e.as(demo.VinnytsiaProviderSpecialistEmail)) },
		call: func(ctx context.Context, c *apitest.Client, s *scene, manager string) error {
			_, err := apitest.AssignCase(ctx, c, s.cs, manager, ptr("розподіл"))
			return err
		},
		want: refusedOutside(forbidden, notFound),
	},
	// The specialist's caseload goes back to the children's service, who
	// assigned it; whoever sees none of it hears NOT_FOUND.
	"reassignCaseload": {
		colleagueEmail: demo.VinnytsiaGuardianshipEmail,
		setup: func(t *testing.T, s *scene) string {
			specialist := viewerID(t, s.e.as(demo.VinnytsiaProviderSpecialistEmail))
			okay(apitest.UpdateCase(context.Background(), s.ssd, s.cs, apitest.UpdateCaseInput{ManagerID: &specialist}))(t, "manager")
			return specialist + " " + viewerID(t, s.ssd)
		},
		call: func(ctx context.Context, c *apitest.Client, s *scene, users string) error {
			from, to, _ := strings.Cut(users, " ")
			_, err := apitest.ReassignCaseload(ctx, c, apitest.ReassignCaseloadInput{CommunityID: s.community, FromUserID: from,
				ToUserID: to, Note: ptr("звільнення")})
			return err
		},
		want: refusedOutside(forbidden, notFound),
	},
	"transitionCase": {
		colleagueEmail: demo.VinnytsiaGuardianshipEmail,
		call: func(ctx context.Context, c *apitest.Client, s *scene, _ string) error {
			_, err := apitest.TransitionCase(ctx, c, apitest.TransitionCaseInput{Id: s.cs, To: apitest.CaseStatusAssessingSafety, Note: ptr("виїзд")})
			return err
		},
		want: refusedOutside(forbidden, notFound),
	},
	// Closing and transferring are transitions too, each with its own rules.
	"transitionCase/closure": {
		colleagueEmail: demo.VinnytsiaGuardianshipEmail,
		setup:          func(t *testing.T, s *scene) string { s.assessSafety(t, apitest.SafetyResultSafe); return "" },
		call: func(ctx context.Context, c *apitest.Client, s *scene, _ string) error {
			_, err := apitest.TransitionCase(ctx, c, apitest.TransitionCaseInput{Id: s.cs, To: apitest.CaseStatusClosed, Outcome: ptr("OTHER")})
			return err
		},
		want: refusedOutside(forbidden, notFound),
	},
	"transitionCase/transfer": {
		colleagueEmail: demo.VinnytsiaGuardianshipEmail,
		setup: func(t *testing.T, s *scene) string {
			return s.consent(t, apitest.ConsentPurposeTransfer, s.providerOrg)
		},
		call: func(ctx context.Context, c *apitest.Client, s *scene, _ string) error {
			_, err := apitest.TransitionCase(ctx, c, apitest.TransitionCaseInput{Id: s.cs, To: apitest.CaseStatusTransferred,
				TransferToOrganizationID: &s.providerOrg})
			return err
		},
		want: refusedOutside(forbidden, notFound),
	},
	"recordSafetyAssessment": {
		call: func(ctx context.Context, c *apitest.Client, s *scene, _ string) error {
			_, err := apitest.RecordSafetyAssessment(ctx, c, apitest.RecordSafetyAssessmentInput{CaseID: s.cs,
				ConductedAt: at(time.Hour), Result: apitest.SafetyResultSafe})
			return err
		},
		want: refusedOutside(notFound, notFound),
	},
	// The provider the case was referred to assesses the family's needs.
	"recordNeedsAssessment": {
		ownerEmail: demo.VinnytsiaProviderManagerEmail, colleagueEmail: demo.VinnytsiaSocialProtectionEmail,
		setup: func(t *testing.T, s *scene) string {
			s.refer(t)
			s.assessSafety(t, apitest.SafetyResultDangerPresent)
			return ""
		},
		call: func(ctx context.Context, c *apitest.Client, s *scene, _ string) error {
			_, err := apitest.RecordNeedsAssessment(ctx, c, s.needsInput())
			return err
		},
		want: refusedOutside(forbidden, notFound),
	},
	// Social protection decides on services.
	"recordDecision": {
		ownerEmail: demo.VinnytsiaSocialProtectionEmail, colleagueEmail: demo.VinnytsiaChildrenServiceEmail,
		setup: func(t *testing.T, s *scene) string { s.awaitDecision(t); return "" },
		call: func(ctx context.Context, c *apitest.Client, s *scene, _ string) error {
			_, err := apitest.RecordDecision(ctx, c, apitest.RecordDecisionInput{CaseID: s.cs, Body: apitest.DecisionBodySocialProtection,
				Kind: apitest.DecisionKindProvideServices, Number: "45-р", DecidedAt: at(time.Hour),
				LegalBasis: "ст. 21 Закону України «Про соціальні послуги»"})
			return err
		},
		want: refusedOutside(forbidden, notFound),
	},
	// The children's service (or the guardianship body) places a child; the
	// social protection department reads placements but makes none.
	"recordPlacement": {
		colleagueEmail: demo.VinnytsiaSocialProtectionEmail,
		call: func(ctx context.Context, c *apitest.Client, s *scene, _ string) error {
			_, err := apitest.RecordPlacement(ctx, c, apitest.RecordPlacementInput{CaseID: s.cs, ChildID: s.child,
				Form: apitest.CareFormKinCare, Address: ptr("бабуся"), StartedAt: at(time.Hour)})
			return err
		},
		want: refusedOutside(forbidden, notFound),
	},
	"endPlacement": {
		colleagueEmail: demo.VinnytsiaSocialProtectionEmail,
		setup: func(t *testing.T, s *scene) string {
			return okay(apitest.RecordPlacement(context.Background(), s.ssd, apitest.RecordPlacementInput{CaseID: s.cs, ChildID: s.child,
				Form: apitest.CareFormKinCare, Address: ptr("бабуся"), StartedAt: at(2 * time.Hour)}))(t, "placement").RecordPlacement.Id
		},
		call: func(ctx context.Context, c *apitest.Client, s *scene, id string) error {
			_, err := apitest.EndPlacement(ctx, c, apitest.EndPlacementInput{Id: id, EndedAt: at(time.Hour),
				Reason: apitest.CareEndReasonReturnedToFamily})
			return err
		},
		want: refusedOutside(forbidden, notFound),
	},
	// The children's service keeps the register of children without
	// parental care; the guardianship body reads it. The register is kept
	// on the person, so a role that may change no person finds none to
	// change, as updatePerson answers it.
	"recordParentalCareStatus": {
		colleagueEmail: demo.VinnytsiaGuardianshipEmail,
		call: func(ctx context.Context, c *apitest.Client, s *scene, _ string) error {
			since := at(48 * time.Hour)
			_, err := apitest.RecordParentalCareStatus(ctx, c, apitest.RecordParentalCareStatusInput{PersonID: s.child,
				Status: apitest.PersonParentalCareStatusOrphan, Basis: ptr("свідоцтва про смерть батьків"), Since: &since})
			return err
		},
		want: refusedOutside(notFound, notFound),
	},
	// The provider accompanying the family keeps its plan.
	"savePlan": {
		ownerEmail: demo.VinnytsiaProviderManagerEmail, colleagueEmail: demo.VinnytsiaChildrenServiceEmail,
		call: func(ctx context.Context, c *apitest.Client, s *scene, _ string) error {
			_, err := apitest.SavePlan(ctx, c, planInput())
			return err
		},
		want: refusedOutside(forbidden, notFound),
	},
	"agreePlan": {
		ownerEmail: demo.VinnytsiaProviderManagerEmail, colleagueEmail: demo.VinnytsiaChildrenServiceEmail,
		setup: func(t *testing.T, s *scene) string {
			return okay(apitest.SavePlan(context.Background(), s.provider, planInput()))(t, "plan").SavePlan.Id
		},
		call: func(ctx context.Context, c *apitest.Client, s *scene, plan string) error {
			_, err := apitest.AgreePlan(ctx, c, plan, at(time.Hour), "угода № 7")
			return err
		},
		want: refusedOutside(forbidden, notFound),
	},
	"reviewPlan": {
		ownerEmail: demo.VinnytsiaProviderManagerEmail, colleagueEmail: demo.VinnytsiaChildrenServiceEmail,
		call: func(ctx context.Context, c *apitest.Client, s *scene, _ string) error {
			_, err := apitest.ReviewPlan(ctx, c, apitest.ReviewPlanInput{PlanID: string(fx[own].Plan), ReviewedAt: at(time.Hour),
				Outcomes: []apitest.GoalOutcomeInput{{Key: "g1", Outcome: "ACHIEVED"}}})
			return err
		},
		want: refusedOutside(forbidden, notFound),
	},
	"sendReferral": {
		setup: func(t *testing.T, s *scene) string {
			return s.consent(t, apitest.ConsentPurposeReferral, s.providerOrg)
		},
		call: func(ctx context.Context, c *apitest.Client, s *scene, _ string) error {
			_, err := apitest.SendReferral(ctx, c, s.cs, s.providerOrg, "оцінити потреби", nil)
			return err
		},
		want: refusedOutside(notFound, notFound),
	},
	// The organisation a referral is sent to answers it; nobody else.
	"acceptReferral": {
		ownerEmail: demo.VinnytsiaProviderManagerEmail, colleagueEmail: demo.VinnytsiaChildrenServiceEmail,
		setup: func(t *testing.T, s *scene) string { return s.send(t) },
		call: func(ctx context.Context, c *apitest.Client, s *scene, referral string) error {
			_, err := apitest.AcceptReferral(ctx, c, referral)
			return err
		},
		want: refusedOutside(forbidden, notFound),
	},
	"declineReferral": {
		ownerEmail: demo.VinnytsiaProviderManagerEmail, colleagueEmail: demo.VinnytsiaChildrenServiceEmail,
		setup: func(t *testing.T, s *scene) string { return s.send(t) },
		call: func(ctx context.Context, c *apitest.Client, s *scene, referral string) error {
			_, err := apitest.DeclineReferral(ctx, c, referral, "немає місць")
			return err
		},
		want: refusedOutside(forbidden, notFound),
	},
	// The organisation that sent a referral withdraws it. The colleague is
	// the guardianship body, which reads referrals but may not change them.
	"cancelReferral": {
		colleagueEmail: demo.VinnytsiaGuardianshipEmail,
		setup:          func(t *testing.T, s *scene) string { return s.send(t) },
		call: func(ctx context.Context, c *apitest.Client, s *scene, referral string) error {
			_, err := apitest.CancelReferral(ctx, c, referral, ptr("помилково"))
			return err
		},
		want: refusedOutside(forbidden, notFound),
	},
	"recordConsent": {
		call: func(ctx context.Context, c *apitest.Client, s *scene, _ string) error {
			_, err := apitest.RecordConsent(ctx, c, apitest.RecordConsentInput{FamilyID: s.family, GivenBy: "мати",
				GivenAt: at(time.Hour), Document: "згода № 3", Purpose: apitest.ConsentPurposeReferral,
				RecipientKind: ptr(apitest.ConsentRecipientKindNgoProvider)})
			return err
		},
		want: refusedOutside(notFound, notFound),
	},
	"withdrawConsent": {
		setup: func(t *testing.T, s *scene) string {
			return s.consent(t, apitest.ConsentPurposeReferral, s.providerOrg)
		},
		call: func(ctx context.Context, c *apitest.Client, s *scene, consent string) error {
			_, err := apitest.WithdrawConsent(ctx, c, consent, at(time.Minute))
			return err
		},
		want: refusedOutside(notFound, notFound),
	},
	"addTeamMember": {
		setup: func(t *testing.T, s *scene) string { return s.consent(t, apitest.ConsentPurposeTeam, s.providerOrg) },
		call: func(ctx context.Context, c *apitest.Client, s *scene, _ string) error {
			_, err := apitest.AddTeamMember(ctx, c, apitest.AddTeamMemberInput{CaseID: s.cs, OrganizationID: s.providerOrg,
				Name: "Ольга Д.", Role: "психолог"})
			return err
		},
		want: refusedOutside(notFound, notFound),
	},
	"removeTeamMember": {
		setup: func(t *testing.T, s *scene) string {
			s.consent(t, apitest.ConsentPurposeTeam, s.providerOrg)
			return okay(apitest.AddTeamMember(context.Background(), s.ssd, apitest.AddTeamMemberInput{CaseID: s.cs,
				OrganizationID: s.providerOrg, Name: "Ольга Д.", Role: "психолог"}))(t, "team").AddTeamMember.Id
		},
		call: func(ctx context.Context, c *apitest.Client, s *scene, member string) error {
			_, err := apitest.RemoveTeamMember(ctx, c, member)
			return err
		},
		want: refusedOutside(notFound, notFound),
	},
	// The provider serving the family starts and ends its services.
	"startService": {
		ownerEmail: demo.VinnytsiaProviderManagerEmail, colleagueEmail: demo.VinnytsiaChildrenServiceEmail,
		call: func(ctx context.Context, c *apitest.Client, s *scene, _ string) error {
			_, err := apitest.StartService(ctx, c, apitest.StartServiceInput{CaseID: string(fx[own].Case),
				ProviderID: string(fx[own].Provider), ServiceTypeID: string(fx[own].ServiceType), StartedAt: at(time.Hour)})
			return err
		},
		want: refusedOutside(forbidden, notFound),
	},
	"endService": {
		ownerEmail: demo.VinnytsiaProviderManagerEmail, colleagueEmail: demo.VinnytsiaChildrenServiceEmail,
		call: func(ctx context.Context, c *apitest.Client, s *scene, _ string) error {
			_, err := apitest.EndService(ctx, c, apitest.EndServiceInput{Id: string(fx[own].Service),
				Status: apitest.ServiceProvisionStatusCompleted, EndedAt: at(time.Hour)})
			return err
		},
		want: refusedOutside(forbidden, notFound),
	},
	"recordActivity": {
		call: func(ctx context.Context, c *apitest.Client, s *scene, _ string) error {
			_, err := apitest.RecordActivity(ctx, c, apitest.RecordActivityInput{CaseID: s.cs, Kind: apitest.ActivityKindPhoneCall,
				At: at(time.Hour), DurationMinutes: 15})
			return err
		},
		want: refusedOutside(notFound, notFound),
	},
	// The guardianship body keeps the commission's sittings.
	"createCommissionSession": {
		ownerEmail: demo.VinnytsiaGuardianshipEmail, colleagueEmail: demo.VinnytsiaSocialProtectionEmail,
		call: func(ctx context.Context, c *apitest.Client, s *scene, _ string) error {
			_, err := apitest.CreateCommissionSession(ctx, c, apitest.CommissionSessionInput{CommunityID: s.community,
				HeldAt: at(time.Hour), Agenda: []apitest.AgendaItemInput{{Title: "Питання"}}})
			return err
		},
		want: outcomes{owner: allowed, colleague: forbidden, provider: forbidden, other: notFound,
			regional: notFound, apiClient: forbidden},
	},
	"updateCommissionSession": {
		ownerEmail: demo.VinnytsiaGuardianshipEmail, colleagueEmail: demo.VinnytsiaSocialProtectionEmail,
		call: func(ctx context.Context, c *apitest.Client, s *scene, _ string) error {
			_, err := apitest.UpdateCommissionSession(ctx, c, string(fx[own].Session), apitest.UpdateCommissionSessionInput{ProtocolNumber: ptr("7")})
			return err
		},
		want: refusedOutside(forbidden, notFound),
	},
	"uploadDocument": {
		call: func(ctx context.Context, c *apitest.Client, s *scene, _ string) error {
			_, err := apitest.UploadDocument(ctx, c, apitest.UploadDocumentInput{CaseID: s.cs, Kind: apitest.DocumentKindScan,
				Title: "Акт", File: apitest.Upload{Name: "act.png", Data: pngBytes}})
			return err
		},
		want: refusedOutside(notFound, notFound),
	},
	// A supervisor approves or returns the fixture's pending plan version.
	"approve": {
		call: func(ctx context.Context, c *apitest.Client, s *scene, _ string) error {
			_, err := apitest.Approve(ctx, c, string(fx[own].Approval), nil)
			return err
		},
		want: refusedOutside(notFound, notFound),
	},
	"returnForRework": {
		call: func(ctx context.Context, c *apitest.Client, s *scene, _ string) error {
			_, err := apitest.ReturnForRework(ctx, c, string(fx[own].Approval), "уточнити цілі")
			return err
		},
		want: refusedOutside(notFound, notFound),
	},
	// The regional supervisor breaks the glass on a case of its region.
	"openEmergencyAccess": {
		ownerEmail: demo.RegionalSupervisorEmail, colleagueEmail: demo.VinnytsiaChildrenServiceEmail,
		otherEmail: demo.PoltavaChildrenServiceEmail,
		call: func(ctx context.Context, c *apitest.Client, s *scene, _ string) error {
			_, err := apitest.OpenEmergencyAccess(ctx, c, apitest.OpenEmergencyAccessInput{CommunityID: s.community,
				Reference: emergency.Reference(pulid.ID(s.cs)), Reason: "The police report the child alone at home at night"})
			return err
		},
		want: outcomes{owner: allowed, colleague: forbidden, provider: forbidden, other: notFound,
			regional: isOwner, apiClient: notFound},
	},
	// Its holder ends it (or the community's administrator).
	"endEmergencyAccess": {
		ownerEmail: demo.RegionalSupervisorEmail, colleagueEmail: demo.VinnytsiaChildrenServiceEmail,
		otherEmail: demo.PoltavaAdminEmail,
		setup: func(t *testing.T, s *scene) string {
			r := okay(apitest.OpenEmergencyAccess(context.Background(), s.e.as(demo.RegionalSupervisorEmail),
				apitest.OpenEmergencyAccessInput{CommunityID: s.community, Reference: emergency.Reference(pulid.ID(s.cs)),
					Reason: "The police report the child alone at home at night"}))(t, "break the glass")
			return r.OpenEmergencyAccess.Id
		},
		call: func(ctx context.Context, c *apitest.Client, s *scene, access string) error {
			_, err := apitest.EndEmergencyAccess(ctx, c, access)
			return err
		},
		want: outcomes{owner: allowed, colleague: forbidden, provider: notFound, other: notFound,
			regional: isOwner, apiClient: notFound},
	},
	// Social protection runs the voucher programmes.
	"createVoucherProgramme": {
		ownerEmail: demo.VinnytsiaSocialProtectionEmail,
		call: func(ctx context.Context, c *apitest.Client, s *scene, _ string) error {
			_, err := apitest.CreateVoucherProgramme(ctx, c, apitest.CreateVoucherProgrammeInput{CommunityID: s.community,
				Name: "Денний догляд", ValueUah: 3000, Vouchers: 10, Eligibility: "Сім'ї у СЖО", StartsOn: clock.Now()})
			return err
		},
		want: outcomes{owner: allowed, colleague: forbidden, provider: forbidden, other: notFound,
			regional: notFound, apiClient: forbidden},
	},
	"updateVoucherProgramme": {
		ownerEmail: demo.VinnytsiaSocialProtectionEmail,
		call: func(ctx context.Context, c *apitest.Client, s *scene, _ string) error {
			_, err := apitest.UpdateVoucherProgramme(ctx, c, string(fx[own].Programme), apitest.UpdateVoucherProgrammeInput{Vouchers: ptr(1200)})
			return err
		},
		want: refusedOutside(forbidden, notFound),
	},
	"issueVoucher": {
		ownerEmail: demo.VinnytsiaSocialProtectionEmail,
		call: func(ctx context.Context, c *apitest.Client, s *scene, _ string) error {
			_, err := apitest.IssueVoucher(ctx, c, apitest.IssueVoucherInput{ProgrammeID: string(fx[own].Spare), FamilyID: s.family,
				IssuedAt: at(time.Hour)})
			return err
		},
		want: refusedOutside(forbidden, notFound),
	},
	// The provider that gave the service redeems the voucher, for its own
	// organisation.
	"redeemVoucher": {
		ownerEmail: demo.VinnytsiaProviderManagerEmail, colleagueEmail: demo.VinnytsiaChildrenServiceEmail,
		call: func(ctx context.Context, c *apitest.Client, s *scene, _ string) error {
			_, err := apitest.RedeemVoucher(ctx, c, string(fx[own].Voucher), s.providerOrg, at(time.Hour))
			return err
		},
		want: refusedOutside(forbidden, notFound),
	},
	"cancelVoucher": {
		ownerEmail: demo.VinnytsiaSocialProtectionEmail,
		call: func(ctx context.Context, c *apitest.Client, s *scene, _ string) error {
			_, err := apitest.CancelVoucher(ctx, c, string(fx[own].Voucher), "помилка")
			return err
		},
		want: refusedOutside(notFound, notFound),
	},
}

// planInput is a plan version of the fixture case (which the demo provider
// accompanies), with one goal for the fixture organisation.
func planInput() apitest.SavePlanInput {
	return apitest.SavePlanInput{CaseID: string(fx[own].Case), NextReviewAt: clock.Now().AddDate(0, 3, 0),
		Goals: []apitest.PlanGoalInput{{Key: ptr("g1"), Text: "школа щодня", Actions: []apitest.PlanActionInput{{
			Text: "консультування батьків", ResponsibleOrganizationID: string(fx[own].Organization),
			Due: clock.Now().AddDate(0, 3, 0)}}}}}
}

// viewerID is the signed-in user's own ID.
func viewerID(t *testing.T, c *apitest.Client) string {
	t.Helper()
	return okay(apitest.Viewer(context.Background(), c))(t, "viewer").Viewer.User.Id
}
