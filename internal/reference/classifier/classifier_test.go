package classifier_test

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/turbota/turbota/ent/servicetype"
	"github.com/turbota/turbota/internal/platform/testdb"
	"github.com/turbota/turbota/internal/reference/classifier"
	"github.com/turbota/turbota/internal/reference/territory/territorytest"
	"github.com/turbota/turbota/tenant"
)

func TestMain(m *testing.M) { os.Exit(testdb.Main(m, territorytest.CreateSchema)) }

func TestDefaultsHoldOnlyVerifiedCodes(t *testing.T) {
	c := territorytest.Open(t, testdb.New(t))
	ctx := context.Background()
	for range 2 {
		if err := classifier.LoadDefaults(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	sys := tenant.SystemContext(ctx)
	n, _ := c.ServiceType.Query().Count(sys)
	coded, _ := c.ServiceType.Query().Where(servicetype.CodeNotNil()).All(sys)
	if n < 15 || len(coded) != 3 {
		t.Fatalf("%d services, %d with codes; want only the 3 verified codes", n, len(coded))
	}
	for _, st := range coded {
		if code := *st.Code; code != "001.0" && code != "002.0" && code != "015.1" {
			t.Errorf("unverified code %s", code)
		}
	}
}

func TestImportUpdatesByCodeOrNameAndRefusesBadRows(t *testing.T) {
	c := territorytest.Open(t, testdb.New(t))
	ctx := context.Background()
	if err := classifier.LoadDefaults(ctx, c); err != nil {
		t.Fatal(err)
	}
	official := "code,name_uk,name_en,group\n003.0,Посередництво (медіація),Mediation,SIMPLE\n999.9,Нова послуга,New service,COMPLEX\n"
	created, updated, err := classifier.Import(ctx, c, strings.NewReader(official))
	if err != nil || created != 1 || updated != 1 {
		t.Fatalf("import: created %d updated %d: %v", created, updated, err)
	}
	st, err := c.ServiceType.Query().Where(servicetype.NameUk("Посередництво (медіація)")).Only(tenant.SystemContext(ctx))
	if err != nil || st.Code == nil || *st.Code != "003.0" {
		t.Errorf("mediation after import: %+v %v", st, err)
	}
	for _, bad := range []string{
		"name,code\n",
		"code,name_uk,name_en,group\n3.0,Щось,Something,SIMPLE\n",
		"code,name_uk,name_en,group\n,Щось,Something,BIG\n",
		"code,name_uk,name_en,group\n,,Something,SIMPLE\n",
	} {
		if _, _, err := classifier.Import(ctx, c, strings.NewReader(bad)); err == nil {
			t.Errorf("accepted %q", bad)
		}
	}
}
