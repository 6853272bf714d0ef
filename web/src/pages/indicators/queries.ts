import { graphql } from '../../gql';
import type { DashboardQuery } from '../../gql/graphql';

export const DashboardQueryDoc = graphql(`
  query Dashboard($scope: IndicatorScope, $period: PeriodInput!, $withGroups: Boolean!, $groupBy: IndicatorGrouping!) {
    indicatorDefinitions { key unit breakdown name { uk en } description { uk en } }
    indicators(scope: $scope, period: $period) {
      from to
      total { key part value display suppressed }
      communities {
        recordAccess
        community { id name kind katottgCode region { id name katottgCode } district { id name } }
        cells { key part value display suppressed }
      }
      groups(by: $groupBy) @include(if: $withGroups) { id name katottgCode recordAccess cells { key part value display suppressed } }
    }
  }
`);

export const TrendQueryDoc = graphql(`
  query DashboardTrend($key: String!, $scope: IndicatorScope, $period: PeriodInput!) {
    indicatorTrend(key: $key, scope: $scope, period: $period, periods: 12) { from to cell { value display suppressed } }
  }
`);

export type Definition = DashboardQuery['indicatorDefinitions'][number];
export type Report = DashboardQuery['indicators'];
export type Cell = Report['total'][number];
