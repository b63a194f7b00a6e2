// whatsapp-web.js pulls puppeteer, whose install would download Chrome; this machine (and CI) cannot.
// We use Debian's /usr/bin/chromium through executablePath instead.
module.exports = { skipDownload: true };
