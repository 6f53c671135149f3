// Shared by the designer pages: JSON calls with the anti-forgery header and Vietnamese errors from the server.
const token = () => document.querySelector('input[name="__RequestVerificationToken"]')?.value ?? '';

export async function api(url, body, method = 'POST') {
  const response = await fetch(url, {
    method,
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', RequestVerificationToken: token() },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  let data = null;
  try { data = await response.json(); } catch { /* no body */ }
  if (!response.ok) {
    const details = (data?.errors ?? []).map((e) => (e.field ? `${e.field}: ${e.message}` : e.message)).join('; ');
    throw new Error((data?.message ?? `Lỗi ${response.status}`) + (details ? ` (${details})` : ''));
  }
  return data;
}

export function escapeHtml(text) {
  return String(text ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

// A duration in the page's language and number format ("1,5 giờ" / "1.5 hours").
export function formatDuration(ms) {
  if (ms === null || ms === undefined) return '—';
  const locale = document.documentElement.lang?.startsWith('en') ? 'en-US' : 'vi-VN';
  const say = (unit, value) => (window.t ?? ((text, v) => text.replace('{0}', v)))(unit, value.toLocaleString(locale, { maximumFractionDigits: 1 }));
  if (ms < 1000) return `${Math.round(ms).toLocaleString(locale)} ms`;
  const s = ms / 1000;
  if (s < 60) return say('{0} giây', s);
  const m = s / 60;
  if (m < 60) return say('{0} phút', m);
  const hours = m / 60;
  if (hours < 48) return say('{0} giờ', hours);
  return say('{0} ngày', hours / 24);
}
