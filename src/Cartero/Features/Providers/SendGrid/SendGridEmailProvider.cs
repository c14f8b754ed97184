using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cartero.Features.Providers.SendGrid;

/// <summary>
/// SendGrid's v3 <c>mail/send</c> API. The base URL comes from the account (tests point it at a local fake
/// that answers as SendGrid documents). Answers: 202 accepted; 400 and 413 permanent; 401 and 403
/// account-wide; 429 and 5xx transient (429 with the wait SendGrid asks for).
/// </summary>
public sealed class SendGridEmailProvider(IHttpClientFactory http, TimeProvider time) : IEmailProvider
{
    public const string HttpClientName = "sendgrid";
    public const string DefaultBaseUrl = "https://api.sendgrid.com";
    private const int MaxErrorText = 300;
    private const int MaxBodyRead = 16 * 1024;

    /// <summary>The provider's code, as stored in <c>proveedor</c>.</summary>
    public const string ProviderKind = "sendgrid";

    public string Kind => ProviderKind;

    public ValueTask<IEmailProviderSession> OpenSessionAsync(MailAccount account, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IEmailProviderSession>(new SendGridSession(http.CreateClient(HttpClientName), account, time));

    private sealed class SendGridSession(HttpClient client, MailAccount account, TimeProvider time) : IEmailProviderSession
    {
        public async Task<SendResult> SendAsync(OutgoingEmail email, CancellationToken cancellationToken)
        {
            if (string.IsNullOrEmpty(account.ApiKey))
            {
                return new SendResult(SendOutcome.AccountFailure, null, "La cuenta SendGrid no tiene clave de API configurada.");
            }

            if (!Uri.TryCreate((account.SendGridBaseUrl ?? DefaultBaseUrl).TrimEnd('/') + "/", UriKind.Absolute, out var baseUrl))
            {
                return new SendResult(SendOutcome.AccountFailure, null, "La dirección de la API de SendGrid configurada no es válida. Revise la cuenta de envío.");
            }

            var url = new Uri(baseUrl, "v3/mail/send");
            try
            {
                // Building the body reads the attachments: inside the try, so a missing file fails this email only.
                // The body is serialised once, hashed in the same pass, and these very bytes are what is POSTed: they are
                // the "message as sent" of a SendGrid attempt (SendGrid builds the MIME itself, Cartero never sees it).
                var sent = await SerialiseAsync(await BodyAsync(email, cancellationToken), cancellationToken);
                using var content = new ByteArrayContent(sent.Mime);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", account.ApiKey);
                using var response = await client.SendAsync(request, cancellationToken);
                var text = await ReadLimitedAsync(response, cancellationToken);
                var status = (int)response.StatusCode;
                // Only SendGrid's own error messages are repeated, never the raw body: a settings change must not
                // turn the test send into a way of reading what some other server answers.
                var said = Errors(text) ?? $"HTTP {status} {response.ReasonPhrase}".TrimEnd();
                return response.StatusCode switch
                {
                    HttpStatusCode.Accepted or HttpStatusCode.OK => SendResult.Accepted(
                        $"{status} aceptado por SendGrid", status,
                        response.Headers.TryGetValues("X-Message-Id", out var ids) ? ids.FirstOrDefault() : null, sent: sent),
                    HttpStatusCode.BadRequest => new SendResult(SendOutcome.Permanent, status, $"400 SendGrid rechazó el mensaje: {said}"),
                    HttpStatusCode.RequestEntityTooLarge => new SendResult(SendOutcome.Permanent, status, $"413 el mensaje supera el tamaño que acepta SendGrid: {said}"),
                    HttpStatusCode.Unauthorized => new SendResult(SendOutcome.AccountFailure, status, $"401 SendGrid no reconoce la clave de API: {said}. Revise la clave configurada."),
                    HttpStatusCode.Forbidden => new SendResult(SendOutcome.AccountFailure, status, $"403 SendGrid no permite este envío con esta cuenta: {said}. Revise permisos de la clave y el remitente verificado."),
                    HttpStatusCode.TooManyRequests => new SendResult(SendOutcome.Transient, status, $"429 SendGrid limita la tasa de envío: {said}", RetryAfter: RetryAfter(response)),
                    _ when status >= 500 => new SendResult(SendOutcome.Transient, status, $"{status} error de SendGrid: {said}"),
                    _ => new SendResult(SendOutcome.Permanent, status, $"{status} respuesta inesperada de SendGrid: {said}"),
                };
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (AttachmentUnavailableException missing)
            {
                return missing.ToResult();
            }
            catch (HttpRequestException ex) when (ex.InnerException is OutboundHostRefusedException refused)
            {
                return new SendResult(SendOutcome.AccountFailure, null, refused.Message);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
            {
                return new SendResult(SendOutcome.Transient, null, $"No se pudo contactar a SendGrid ({url.Host}): {ex.Message}");
            }
        }

        private TimeSpan? RetryAfter(HttpResponseMessage response)
        {
            if (response.Headers.RetryAfter?.Delta is { } delta)
            {
                return delta;
            }

            if (response.Headers.TryGetValues("X-RateLimit-Reset", out var values) &&
                long.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var epoch))
            {
                var wait = DateTimeOffset.FromUnixTimeSeconds(epoch) - time.GetUtcNow();
                return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
            }

            return null;
        }

        private static async Task<SentMessage> SerialiseAsync(JsonObject body, CancellationToken cancellationToken)
        {
            using var buffer = new HashingBuffer();
            await using (var json = new Utf8JsonWriter(buffer))
            {
                body.WriteTo(json);
                await json.FlushAsync(cancellationToken);
            }

            return buffer.ToSentMessage();
        }

        private async Task<JsonObject> BodyAsync(OutgoingEmail email, CancellationToken cancellationToken)
        {
            static JsonObject Address(EmailAddress a) => a.Name is null
                ? new JsonObject { ["email"] = a.Address }
                : new JsonObject { ["email"] = a.Address, ["name"] = a.Name };

            var personalization = new JsonObject { ["to"] = new JsonArray(Address(email.To)) };
            if (email.Cc.Count > 0)
            {
                personalization["cc"] = new JsonArray(email.Cc.Select(a => (JsonNode)Address(a)).ToArray());
            }

            if (email.Bcc.Count > 0)
            {
                personalization["bcc"] = new JsonArray(email.Bcc.Select(a => (JsonNode)Address(a)).ToArray());
            }

            // A retry after a partial delivery goes only to the recipients still pending. SendGrid builds the headers
            // from the personalizations (To, Cc and Bcc cannot be set as headers), so each pending recipient gets a
            // personalization of its own: it receives one copy and sees no other pending address.
            var personalizations = email.Envelope is { Count: > 0 } pending
                ? new JsonArray([.. pending.Select(a => (JsonNode)new JsonObject { ["to"] = new JsonArray(Address(a)) })])
                : new JsonArray(personalization);

            var content = new JsonArray();
            if (!string.IsNullOrEmpty(email.TextBody))
            {
                content.Add(new JsonObject { ["type"] = "text/plain", ["value"] = email.TextBody });
            }

            if (!string.IsNullOrEmpty(email.HtmlBody))
            {
                content.Add(new JsonObject { ["type"] = "text/html", ["value"] = email.HtmlBody });
            }

            var body = new JsonObject
            {
                ["personalizations"] = personalizations,
                ["from"] = Address(account.From),
                ["subject"] = email.Subject,
                ["content"] = content,
                ["headers"] = new JsonObject { [MimeMessageFactory.LogIdHeader] = email.LogId.ToString(), [MimeMessageFactory.TypeHeader] = email.Type },
                ["custom_args"] = new JsonObject { ["cartero_id"] = email.LogId.ToString() },
            };
            if (account.ReplyTo is { } replyTo)
            {
                body["reply_to"] = Address(replyTo);
            }

            if (email.Attachments.Count > 0)
            {
                var attachments = new JsonArray();
                foreach (var a in email.Attachments)
                {
                    using var buffer = new MemoryStream();
                    await a.CopyForSendingAsync(buffer, cancellationToken);
                    attachments.Add(new JsonObject
                    {
                        ["content"] = Convert.ToBase64String(buffer.GetBuffer(), 0, (int)buffer.Length),
                        ["type"] = a.ContentType,
                        ["filename"] = a.FileName,
                        ["disposition"] = "attachment",
                    });
                }

                body["attachments"] = attachments;
            }

            return body;
        }

        private static string? Errors(string body)
        {
            try
            {
                var errors = JsonNode.Parse(body)?["errors"]?.AsArray();
                if (errors is null)
                {
                    return null;
                }

                var text = string.Join("; ", errors.Select(e =>
                    e?["field"] is JsonValue field ? $"{field}: {e["message"]}" : $"{e?["message"]}"));
                return text.Length > MaxErrorText ? text[..MaxErrorText] + "…" : text;
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException)
            {
                return null;
            }
        }

        private static async Task<string> ReadLimitedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            var buffer = new byte[MaxBodyRead];
            var read = 0;
            int n;
            while (read < buffer.Length && (n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken)) > 0)
            {
                read += n;
            }

            return System.Text.Encoding.UTF8.GetString(buffer, 0, read);
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
