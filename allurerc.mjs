// Allure 3 (the `allure` npm package, no Java): one self-contained HTML file, readable from disk offline,
// tests grouped by specification / section / rule as the runner labels them (epic / feature / story).
export default {
  name: 'oauth-conformance',
  plugins: { awesome: { options: { singleFile: true, reportName: 'oauth-conformance', groupBy: ['epic', 'feature', 'story'] } } },
};
