namespace Cartero.Features.Settings;

/// <summary>Body of <c>POST /api/v1/settings/mail/test</c>: where to send, and optionally unsaved settings to try.</summary>
public sealed record MailSettingsTestRequest(string? To, MailSettingsUpdate? Settings);
