namespace Platform.AgentService.Models;

public static class ModelQuotaErrors
{
    /// <summary>
    /// Answers a model call refused by the caller's token quota (a knowledge upload or search embeds through the
    /// models service) as the models service did: 429 naming the quota, instead of a 500.
    /// </summary>
    public static RouteGroupBuilder AnswerModelQuotaErrors(this RouteGroupBuilder group) =>
        group.ProducesOpenAiErrors(StatusCodes.Status429TooManyRequests).AddEndpointFilter(async (context, next) =>
        {
            try
            {
                return await next(context);
            }
            catch (ModelQuotaExceededException exception)
            {
                return ApiErrors.Error(StatusCodes.Status429TooManyRequests, exception.Message, code: exception.Quota);
            }
        });
}
