import { createTheme, defaultVariantColorsResolver, parseThemeColor, type VariantColorsResolver } from '@mantine/core';

/**
 * Text on light, subtle and outline variants is darkened so every badge and
 * link meets WCAG AA contrast (4.5:1) on its tinted background; Mantine's
 * default shade 6 does not for teal, orange or yellow.
 */
const variantColorResolver: VariantColorsResolver = (input) => {
  const r = defaultVariantColorsResolver(input);
  const parsed = parseThemeColor({ color: input.color || input.theme.primaryColor, theme: input.theme });
  if (parsed.isThemeColor && parsed.color !== 'gray' && ['light', 'subtle', 'outline', 'transparent'].includes(input.variant)) {
    const dark = `color-mix(in srgb, var(--mantine-color-${parsed.color}-9) 70%, black)`;
    return { ...r, color: dark, hoverColor: dark, border: input.variant === 'outline' ? `1px solid ${dark}` : r.border };
  }
  if (parsed.isThemeColor && !['gray', 'dark'].includes(parsed.color) && input.variant === 'filled') {
    const bg = `color-mix(in srgb, var(--mantine-color-${parsed.color}-9) 80%, black)`;
    return { ...r, background: bg, hover: `color-mix(in srgb, var(--mantine-color-${parsed.color}-9) 65%, black)`, color: 'var(--mantine-color-white)' };
  }
  return r;
};

export const theme = createTheme({
  primaryColor: 'teal',
  primaryShade: 9,
  defaultRadius: 'md',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  variantColorResolver,
  components: {
    // Wide tables keep their scrollbar in sight: hidden columns are not a secret.
    TableScrollContainer: { defaultProps: { scrollAreaProps: { type: 'auto', scrollbarSize: 10 } } },
  },
});
