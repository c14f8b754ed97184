using Cartero.Features.Store;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cartero.Pages.Clinica;

/// <summary>Find the patient (a customer of the store) to record consent, make a prescription or send a document.</summary>
public sealed class IndexModel(CustomerService customers) : PageModel
{
    public string? Query { get; private set; }

    public IReadOnlyList<Customer> Patients { get; private set; } = [];

    public async Task OnGetAsync(string? q, CancellationToken cancellationToken)
    {
        Query = q;
        Patients = await customers.SearchAsync(q, cancellationToken);
    }
}
