namespace Cartero.Features.Clinical;

/// <summary>"Enviar al paciente" refused: the message (Spanish) names the condition that is missing; nothing was enqueued.</summary>
public sealed class ClinicalSendRefusedException(string reason) : Exception(reason);
