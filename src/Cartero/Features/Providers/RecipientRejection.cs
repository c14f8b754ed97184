namespace Cartero.Features.Providers;

/// <summary>One recipient the server refused while it accepted the message for others.</summary>
public sealed record RecipientRejection(string Address, int Code, string Response);
