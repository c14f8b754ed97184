namespace Cartero.Features.Settings;

/// <summary>Someone saved the mail settings after the caller read them; the message says to reload, in Spanish.</summary>
public sealed class MailSettingsVersionConflictException(string message, Exception? inner = null) : Exception(message, inner);
