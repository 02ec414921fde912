/** nginx's built-in error pages, byte for byte (CRLF line ends), as ingress-nginx sends them. */
const reasons: Record<number, string> = {
  308: 'Permanent Redirect',
  404: 'Not Found',
  503: 'Service Temporarily Unavailable',
};

export function nginxPage(status: number): string {
  const title = `${status} ${reasons[status] ?? 'Error'}`;
  return [
    '<html>',
    `<head><title>${title}</title></head>`,
    '<body>',
    `<center><h1>${title}</h1></center>`,
    '<hr><center>nginx</center>',
    '</body>',
    '</html>',
    '',
  ].join('\r\n');
}
