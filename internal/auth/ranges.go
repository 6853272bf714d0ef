package auth

import (
	"fmt"
	"net/netip"
)

// AddressAllowed reports whether addr lies in one of the ranges (CIDR); no
// ranges at all allow every address.
func AddressAllowed(ranges []string, addr string) bool {
	if len(ranges) == 0 {
		return true
	}
	ip, err := netip.ParseAddr(addr)
	if err != nil {
		return false
	}
	ip = ip.Unmap()
	for _, r := range ranges {
		if p, err := netip.ParsePrefix(r); err == nil && p.Contains(ip) {
			return true
		}
	}
	return false
}

// maxRanges caps the address ranges of one client.
const maxRanges = 50

// normalRanges checks address ranges as an administrator typed them and
// writes each in its canonical form (a bare address is a range of one).
func normalRanges(ranges []string) ([]string, error) {
	if len(ranges) > maxRanges {
		return nil, &InputError{Field: "allowedRanges", Err: fmt.Errorf("at most %d ranges", maxRanges)}
	}
	out := make([]string, 0, len(ranges))
	for _, r := range ranges {
		p, err := netip.ParsePrefix(r)
		if err != nil {
			a, aerr := netip.ParseAddr(r)
			if aerr != nil {
				return nil, &InputError{Field: "allowedRanges", Err: fmt.Errorf("%q is not an address range such as 192.0.2.0/24", r)}
			}
			p = netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen())
		}
		out = append(out, p.Masked().String())
	}
	return out, nil
}
