namespace Cartero.Features.Providers;

/// <summary>
/// The VERP envelope sender: <c>rebotes@optica.ec</c> becomes <c>rebotes+&lt;id&gt;@optica.ec</c> for the email with that
/// log id, so a bounce names its email in the address it is delivered to, even when it quotes nothing of the original.
/// </summary>
public static class ReturnPathAddress
{
    public static string For(string returnPath, Guid logId)
    {
        var at = returnPath.LastIndexOf('@');
        return $"{returnPath[..at]}+{logId:N}{returnPath[at..]}";
    }
}
