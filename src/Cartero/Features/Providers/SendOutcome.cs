namespace Cartero.Features.Providers;

/// <summary>How a send attempt ended, which decides the next state (see DESIGN §3 "Failures").</summary>
public enum SendOutcome
{
    /// <summary>The provider took responsibility for the message.</summary>
    Accepted,
    /// <summary>Worth trying again later: 4xx, timeout, connection refused or cut, HTTP 429/5xx.</summary>
    Transient,
    /// <summary>Will never succeed as is: recipient rejected with 5xx, malformed address, HTTP 400.</summary>
    Permanent,
    /// <summary>The account itself is unusable (authentication, certificate, provider down): pause the queue, spend no attempt.</summary>
    AccountFailure,
}
