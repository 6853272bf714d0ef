import { formatMoney } from '../../format';
import { graphql } from '../../gql';

export const ProgrammesQuery = graphql(`
  query VoucherProgrammes($communityID: ID!) {
    voucherProgrammes(first: 100, where: { communityID: $communityID }, orderBy: { field: CREATED_AT, direction: DESC }) {
      edges { node { id name valueUah vouchers eligibility startsOn endsOn active issuedCount remaining serviceType { id code nameUk nameEn } } }
    }
  }
`);

export const ProgrammeQuery = graphql(`
  query VoucherProgramme($id: ID!) {
    node(id: $id) {
      __typename
      id
      ... on VoucherProgramme {
        communityID name valueUah vouchers eligibility startsOn endsOn active issuedCount remaining
        serviceType { id code nameUk nameEn }
        issued(first: 200, orderBy: { field: ISSUED_AT, direction: DESC }) {
          totalCount
          edges { node { id number issuedAt status redeemedAt cancelReason family { id name } provider { id name } } }
        }
      }
    }
  }
`);

export const ServiceTypesQuery = graphql(`
  query VoucherServiceTypes {
    serviceTypes(first: 300, where: { active: true }, orderBy: { field: NAME_UK, direction: ASC }) { edges { node { id code nameUk nameEn } } }
  }
`);

export const FamilyVouchersQuery = graphql(`
  query FamilyVouchers($familyID: ID!, $communityID: ID!) {
    vouchers(first: 50, where: { familyID: $familyID }, orderBy: { field: ISSUED_AT, direction: DESC }) {
      edges { node { id number issuedAt status redeemedAt cancelReason programme { id name valueUah } provider { id name } } }
    }
    voucherProgrammes(first: 100, where: { communityID: $communityID, active: true }) {
      edges { node { id name remaining } }
    }
  }
`);

export const FamilySearchQuery = graphql(`
  query VoucherFamilySearch($communityID: ID!, $text: String!) {
    families(first: 20, where: { communityID: $communityID, nameContainsFold: $text }, orderBy: { field: NAME, direction: ASC }) {
      edges { node { id name address } }
    }
  }
`);

export const CreateProgrammeMutation = graphql(`
  mutation CreateVoucherProgramme($input: CreateVoucherProgrammeInput!) { createVoucherProgramme(input: $input) { id } }
`);
export const UpdateProgrammeMutation = graphql(`
  mutation UpdateVoucherProgramme($id: ID!, $input: UpdateVoucherProgrammeInput!) { updateVoucherProgramme(id: $id, input: $input) { id } }
`);
export const IssueVoucherMutation = graphql(`
  mutation IssueVoucher($input: IssueVoucherInput!) { issueVoucher(input: $input) { id number } }
`);
export const RedeemVoucherMutation = graphql(`
  mutation RedeemVoucher($id: ID!, $providerID: ID!, $redeemedAt: Time!) { redeemVoucher(id: $id, providerID: $providerID, redeemedAt: $redeemedAt) { id status } }
`);
export const CancelVoucherMutation = graphql(`
  mutation CancelVoucher($id: ID!, $reason: String!) { cancelVoucher(id: $id, reason: $reason) { id status } }
`);

export function serviceTypeName(lng: string, s: { code?: string | null; nameUk: string; nameEn: string }) {
  const name = lng === 'en' ? s.nameEn : s.nameUk;
  return s.code ? `${s.code} ${name}` : name;
}

/** Hryvnias: "4 800 грн" / "UAH 4 800". */
export const uah = formatMoney;
