using Microsoft.Extensions.Options;
using Platform.AgentService.Agents;
using Platform.AgentService.Knowledge;
using Platform.AgentService.Tools.Mcp;
using Platform.AgentService.Quotas;

namespace Platform.AgentService.Apis;

public static class AgentsApi
{
    public static IEndpointRouteBuilder MapAgentsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/agents").RequireCaller().ProducesOpenAiErrors(400, 401, 403, 404, 413, 507).WithTags("Agents");
        group.MapPost("/", CreateAsync).WithName("CreateAgent").WithSummary("Creates an agent owned by the caller.").Produces<AgentView>(201);
        group.MapGet("/", ListAsync).WithName("ListAgents").WithSummary("Lists the caller's agents and the shared ones.").Produces<ListView<AgentView>>();
        group.MapGet("/{id}", GetAsync).WithName("GetAgent").WithSummary("Gets an agent.").Produces<AgentView>();
        group.MapPost("/{id}", UpdateAsync).WithName("UpdateAgent").WithSummary("Updates an agent; omitted fields keep their value.").Produces<AgentView>().ProducesOpenAiErrors(403);
        group.MapDelete("/{id}", DeleteAsync).WithName("DeleteAgent").WithSummary("Deletes an agent.").Produces<DeletedView>().ProducesOpenAiErrors(403);
        return app;
    }

    private static async Task<IResult> CreateAsync(AgentRequest body, Caller caller, AgentStore agents, KnowledgeStore knowledge, McpServerRules mcp, TenantLimits tenants, IOptions<AgentOptions> options)
    {
        var limits = await tenants.ForAsync(caller.ClientId);
        await body.ValidateAsync(options.Value, limits, creating: true, caller.ClientId, knowledge, mcp);

        var agent = new AgentDefinition
        {
            Id = Ids.New("agent"),
            Name = body.Name!,
            Instructions = body.Instructions ?? "",
            Model = body.Model!,
            Tools = body.Tools ?? [],
            Limits = body.Limits ?? new AgentLimits(),
            Owner = caller.ClientId,
        };
        await agents.SaveAsync(agent, limits);
        return TypedResults.Created($"/v1/agents/{agent.Id}", AgentView.From(agent));
    }

    private static async Task<IResult> ListAsync(Caller caller, AgentStore agents) =>
        TypedResults.Ok(ListView.Of((await agents.ListAsync(caller.ClientId)).Select(AgentView.From)));

    private static async Task<IResult> GetAsync(string id, Caller caller, AgentStore agents) =>
        await agents.FindAsync(id, caller.ClientId) is { } agent ? TypedResults.Ok(AgentView.From(agent)) : ApiErrors.NotFound("agent", id);

    private static async Task<IResult> UpdateAsync(string id, AgentRequest body, Caller caller, AgentStore agents, KnowledgeStore knowledge, McpServerRules mcp, TenantLimits tenants, IOptions<AgentOptions> options)
    {
        if (await agents.FindAsync(id, caller.ClientId) is not { } agent)
        {
            return ApiErrors.NotFound("agent", id);
        }

        if (agent.IsShared)
        {
            return SharedIsReadOnly(id);
        }

        var limits = await tenants.ForAsync(caller.ClientId);
        await body.ValidateAsync(options.Value, limits, creating: false, caller.ClientId, knowledge, mcp);

        var updated = agent with
        {
            Name = body.Name ?? agent.Name,
            Instructions = body.Instructions ?? agent.Instructions,
            Model = body.Model ?? agent.Model,
            Tools = body.Tools ?? agent.Tools,
            Limits = body.Limits ?? agent.Limits,
        };
        await agents.SaveAsync(updated, limits);
        return TypedResults.Ok(AgentView.From(updated));
    }

    private static async Task<IResult> DeleteAsync(string id, Caller caller, AgentStore agents)
    {
        if (await agents.FindAsync(id, caller.ClientId) is not { } agent)
        {
            return ApiErrors.NotFound("agent", id);
        }

        if (agent.IsShared)
        {
            return SharedIsReadOnly(id);
        }

        await agents.DeleteAsync(agent);
        return TypedResults.Ok(new DeletedView(id, "agent.deleted", true));
    }

    // Shared agents are visible to every client, so saying "forbidden" discloses nothing a GET would not.
    private static IResult SharedIsReadOnly(string id) =>
        ApiErrors.Error(StatusCodes.Status403Forbidden, $"Agent '{id}' is shared from configuration and read-only.", code: "agent_read_only");
}
