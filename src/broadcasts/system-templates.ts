/**
 * The texts of the scheduled broadcasts, in both languages, with the same variables an admin's template
 * has (src/broadcasts/template.ts). Kept short: they arrive on a phone at breakfast.
 */
export const SYSTEM_TEMPLATES = {
  morning_prompt: {
    id: 'Selamat pagi, {nama}! Yuk kirim dagangan {toko} hari ini, satu baris satu barang, misalnya:\nberas 5kg 65rb\ntelur 1kg 28rb',
    en: "Good morning, {name}! Send today's goods of {shop}, one line per item, for example:\nberas 5kg 65rb\ntelur 1kg 28rb",
  },
  quota_reminder: {
    id: 'Halo {nama}, belanja Anda bulan ini {terpakai} dari kuota minimal {kuota}. Kurang {sisa_kuota} lagi, sisa waktu {sisa_hari} hari. Yuk belanja di toko sekitar!',
    en: 'Hello {name}, your shopping this month is {spent} of your minimum quota of {quota}. {remaining} to go, {days_left} days left. Shop at a neighbourhood store!',
  },
  month_summary: {
    id: 'Ringkasan {toko} bulan lalu: {pesanan} pesanan selesai, omzet {omzet} dari batas {batas}. Terima kasih sudah melayani!',
    en: 'Last month at {shop}: {orders} completed orders, revenue {revenue} of the cap of {cap}. Thank you for serving!',
  },
} as const;
