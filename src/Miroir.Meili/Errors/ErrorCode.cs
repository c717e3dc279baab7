namespace Miroir.Meili.Errors;

/// <summary>One Meilisearch error code: its wire name, type and HTTP status.</summary>
public sealed class ErrorCode
{
    private ErrorCode(string name, ErrorType type, int status)
    {
        Name = name;
        Type = type;
        Status = status;
    }

    public string Name { get; }

    public ErrorType Type { get; }

    public int Status { get; }

    /// <summary>The documentation link Meilisearch puts in every error object.</summary>
    public string Link => "https://docs.meilisearch.com/errors#" + Name;

    public string TypeName => Type switch
    {
        ErrorType.InvalidRequest => "invalid_request",
        ErrorType.Internal => "internal",
        ErrorType.Auth => "auth",
        _ => "system",
    };

    public override string ToString() => Name;

    private static ErrorCode Bad(string name) => new(name, ErrorType.InvalidRequest, 400);

    // Request shape
    public static readonly ErrorCode BadRequest = Bad("bad_request");
    public static readonly ErrorCode MalformedPayload = Bad("malformed_payload");
    public static readonly ErrorCode MissingPayload = Bad("missing_payload");
    public static readonly ErrorCode InvalidContentType = new("invalid_content_type", ErrorType.InvalidRequest, 415);
    public static readonly ErrorCode MissingContentType = new("missing_content_type", ErrorType.InvalidRequest, 415);
    public static readonly ErrorCode PayloadTooLarge = new("payload_too_large", ErrorType.InvalidRequest, 413);
    public static readonly ErrorCode NotFound = new("not_found", ErrorType.InvalidRequest, 404);
    public static readonly ErrorCode Internal = new("internal", ErrorType.Internal, 500);

    // Auth
    public static readonly ErrorCode MissingAuthorizationHeader = new("missing_authorization_header", ErrorType.Auth, 401);
    public static readonly ErrorCode InvalidApiKey = new("invalid_api_key", ErrorType.Auth, 403);
    public static readonly ErrorCode MissingMasterKey = new("missing_master_key", ErrorType.Auth, 401);

    // Indexes
    public static readonly ErrorCode IndexNotFound = new("index_not_found", ErrorType.InvalidRequest, 404);
    public static readonly ErrorCode IndexAlreadyExists = new("index_already_exists", ErrorType.InvalidRequest, 409);
    public static readonly ErrorCode InvalidIndexUid = Bad("invalid_index_uid");
    public static readonly ErrorCode MissingIndexUid = Bad("missing_index_uid");
    public static readonly ErrorCode InvalidIndexPrimaryKey = Bad("invalid_index_primary_key");
    public static readonly ErrorCode InvalidIndexLimit = Bad("invalid_index_limit");
    public static readonly ErrorCode InvalidIndexOffset = Bad("invalid_index_offset");
    public static readonly ErrorCode IndexPrimaryKeyAlreadyExists = Bad("index_primary_key_already_exists");
    public static readonly ErrorCode IndexPrimaryKeyNoCandidateFound = Bad("index_primary_key_no_candidate_found");
    public static readonly ErrorCode IndexPrimaryKeyMultipleCandidatesFound = Bad("index_primary_key_multiple_candidates_found");
    public static readonly ErrorCode InvalidSwapIndexes = Bad("invalid_swap_indexes");
    public static readonly ErrorCode InvalidSwapDuplicateIndexFound = Bad("invalid_swap_duplicate_index_found");

    // Documents
    public static readonly ErrorCode DocumentNotFound = new("document_not_found", ErrorType.InvalidRequest, 404);
    public static readonly ErrorCode InvalidDocumentId = Bad("invalid_document_id");
    public static readonly ErrorCode MissingDocumentId = Bad("missing_document_id");
    public static readonly ErrorCode InvalidDocumentFields = Bad("invalid_document_fields");
    public static readonly ErrorCode InvalidDocumentFilter = Bad("invalid_document_filter");
    public static readonly ErrorCode MissingDocumentFilter = Bad("missing_document_filter");
    public static readonly ErrorCode InvalidDocumentLimit = Bad("invalid_document_limit");
    public static readonly ErrorCode InvalidDocumentOffset = Bad("invalid_document_offset");
    public static readonly ErrorCode InvalidDocumentIds = Bad("invalid_document_ids");
    public static readonly ErrorCode InvalidDocumentRetrieveVectors = Bad("invalid_document_retrieve_vectors");
    public static readonly ErrorCode InvalidDocumentGeoField = Bad("invalid_document_geo_field");
    public static readonly ErrorCode InvalidDocumentCsvDelimiter = Bad("invalid_document_csv_delimiter");
    public static readonly ErrorCode InvalidVectorsType = Bad("invalid_vectors_type");
    public static readonly ErrorCode InvalidVectorDimensions = Bad("invalid_vector_dimensions");
    public static readonly ErrorCode VectorEmbeddingError = Bad("vector_embedding_error");

    // Search
    public static readonly ErrorCode InvalidSearchQ = Bad("invalid_search_q");
    public static readonly ErrorCode InvalidSearchOffset = Bad("invalid_search_offset");
    public static readonly ErrorCode InvalidSearchLimit = Bad("invalid_search_limit");
    public static readonly ErrorCode InvalidSearchPage = Bad("invalid_search_page");
    public static readonly ErrorCode InvalidSearchHitsPerPage = Bad("invalid_search_hits_per_page");
    public static readonly ErrorCode InvalidSearchFilter = Bad("invalid_search_filter");
    public static readonly ErrorCode InvalidSearchSort = Bad("invalid_search_sort");
    public static readonly ErrorCode InvalidSearchFacets = Bad("invalid_search_facets");
    public static readonly ErrorCode InvalidSearchAttributesToRetrieve = Bad("invalid_search_attributes_to_retrieve");
    public static readonly ErrorCode InvalidSearchAttributesToCrop = Bad("invalid_search_attributes_to_crop");
    public static readonly ErrorCode InvalidSearchCropLength = Bad("invalid_search_crop_length");
    public static readonly ErrorCode InvalidSearchCropMarker = Bad("invalid_search_crop_marker");
    public static readonly ErrorCode InvalidSearchAttributesToHighlight = Bad("invalid_search_attributes_to_highlight");
    public static readonly ErrorCode InvalidSearchHighlightPreTag = Bad("invalid_search_highlight_pre_tag");
    public static readonly ErrorCode InvalidSearchHighlightPostTag = Bad("invalid_search_highlight_post_tag");
    public static readonly ErrorCode InvalidSearchShowMatchesPosition = Bad("invalid_search_show_matches_position");
    public static readonly ErrorCode InvalidSearchMatchingStrategy = Bad("invalid_search_matching_strategy");
    public static readonly ErrorCode InvalidSearchShowRankingScore = Bad("invalid_search_show_ranking_score");
    public static readonly ErrorCode InvalidSearchShowRankingScoreDetails = Bad("invalid_search_show_ranking_score_details");
    public static readonly ErrorCode InvalidSearchRankingScoreThreshold = Bad("invalid_search_ranking_score_threshold");
    public static readonly ErrorCode InvalidSearchAttributesToSearchOn = Bad("invalid_search_attributes_to_search_on");
    public static readonly ErrorCode InvalidSearchDistinct = Bad("invalid_search_distinct");
    public static readonly ErrorCode InvalidSearchVector = Bad("invalid_search_vector");
    public static readonly ErrorCode InvalidSearchHybridQuery = Bad("invalid_search_hybrid_query");
    public static readonly ErrorCode InvalidSearchEmbedder = Bad("invalid_search_embedder");
    public static readonly ErrorCode InvalidSearchSemanticRatio = Bad("invalid_search_semantic_ratio");
    public static readonly ErrorCode InvalidSearchRetrieveVectors = Bad("invalid_search_retrieve_vectors");
    public static readonly ErrorCode MissingSearchHybrid = Bad("missing_search_hybrid");
    public static readonly ErrorCode InvalidFacetSearchFacetName = Bad("invalid_facet_search_facet_name");
    public static readonly ErrorCode InvalidFacetSearchFacetQuery = Bad("invalid_facet_search_facet_query");
    public static readonly ErrorCode MissingFacetSearchFacetName = Bad("missing_facet_search_facet_name");
    public static readonly ErrorCode InvalidFacetSearchExhaustiveFacetCount = Bad("invalid_facet_search_exhaustive_facet_count");
    public static readonly ErrorCode InvalidMultiSearchFacetsByIndex = Bad("invalid_multi_search_facets_by_index");
    public static readonly ErrorCode InvalidMultiSearchMergeFacets = Bad("invalid_multi_search_merge_facets");
    public static readonly ErrorCode InvalidMultiSearchMaxValuesPerFacet = Bad("invalid_multi_search_max_values_per_facet");
    public static readonly ErrorCode InvalidMultiSearchFederated = Bad("invalid_multi_search_federated");
    public static readonly ErrorCode InvalidMultiSearchFederationOptions = Bad("invalid_multi_search_federation_options");
    public static readonly ErrorCode InvalidMultiSearchWeight = Bad("invalid_multi_search_weight");
    public static readonly ErrorCode InvalidMultiSearchQueryFacets = Bad("invalid_multi_search_query_facets");
    public static readonly ErrorCode InvalidMultiSearchQueryPagination = Bad("invalid_multi_search_query_pagination");
    public static readonly ErrorCode InvalidMultiSearchQueryRankingRules = Bad("invalid_multi_search_query_ranking_rules");
    public static readonly ErrorCode InvalidMultiSearchFacets = Bad("invalid_multi_search_facets");
    public static readonly ErrorCode InvalidMultiSearchFacetOrder = Bad("invalid_multi_search_facet_order");

    /// <summary>
    /// <c>index_not_found</c> answered with 400: inside <c>/multi-search</c> the missing index is
    /// not part of the URL, so Meilisearch patches the status from 404 to 400.
    /// </summary>
    public static readonly ErrorCode IndexNotFoundInMultiSearch = new("index_not_found", ErrorType.InvalidRequest, 400);

    // Settings
    public static readonly ErrorCode InvalidSettingsDisplayedAttributes = Bad("invalid_settings_displayed_attributes");
    public static readonly ErrorCode InvalidSettingsSearchableAttributes = Bad("invalid_settings_searchable_attributes");
    public static readonly ErrorCode InvalidSettingsFilterableAttributes = Bad("invalid_settings_filterable_attributes");
    public static readonly ErrorCode InvalidSettingsSortableAttributes = Bad("invalid_settings_sortable_attributes");
    public static readonly ErrorCode InvalidSettingsRankingRules = Bad("invalid_settings_ranking_rules");
    public static readonly ErrorCode InvalidSettingsStopWords = Bad("invalid_settings_stop_words");
    public static readonly ErrorCode InvalidSettingsSynonyms = Bad("invalid_settings_synonyms");
    public static readonly ErrorCode InvalidSettingsDistinctAttribute = Bad("invalid_settings_distinct_attribute");
    public static readonly ErrorCode InvalidSettingsTypoTolerance = Bad("invalid_settings_typo_tolerance");
    public static readonly ErrorCode InvalidSettingsFaceting = Bad("invalid_settings_faceting");
    public static readonly ErrorCode InvalidSettingsPagination = Bad("invalid_settings_pagination");
    public static readonly ErrorCode InvalidSettingsProximityPrecision = Bad("invalid_settings_proximity_precision");
    public static readonly ErrorCode InvalidSettingsSeparatorTokens = Bad("invalid_settings_separator_tokens");
    public static readonly ErrorCode InvalidSettingsNonSeparatorTokens = Bad("invalid_settings_non_separator_tokens");
    public static readonly ErrorCode InvalidSettingsDictionary = Bad("invalid_settings_dictionary");
    public static readonly ErrorCode InvalidSettingsSearchCutoffMs = Bad("invalid_settings_search_cutoff_ms");
    public static readonly ErrorCode InvalidSettingsEmbedders = Bad("invalid_settings_embedders");
    public static readonly ErrorCode InvalidSettingsLocalizedAttributes = Bad("invalid_settings_localized_attributes");
    public static readonly ErrorCode InvalidSettingsFacetSearch = Bad("invalid_settings_facet_search");
    public static readonly ErrorCode InvalidSettingsPrefixSearch = Bad("invalid_settings_prefix_search");

    // Tasks
    public static readonly ErrorCode TaskNotFound = new("task_not_found", ErrorType.InvalidRequest, 404);
    public static readonly ErrorCode BatchNotFound = new("batch_not_found", ErrorType.InvalidRequest, 404);
    public static readonly ErrorCode MissingTaskFilters = Bad("missing_task_filters");
    public static readonly ErrorCode InvalidTaskUids = Bad("invalid_task_uids");
    public static readonly ErrorCode InvalidBatchUids = Bad("invalid_batch_uids");
    public static readonly ErrorCode InvalidTaskStatuses = Bad("invalid_task_statuses");
    public static readonly ErrorCode InvalidTaskTypes = Bad("invalid_task_types");
    public static readonly ErrorCode InvalidTaskIndexUids = Bad("invalid_task_index_uids");
    public static readonly ErrorCode InvalidTaskCanceledBy = Bad("invalid_task_canceled_by");
    public static readonly ErrorCode InvalidTaskLimit = Bad("invalid_task_limit");
    public static readonly ErrorCode InvalidTaskFrom = Bad("invalid_task_from");
    public static readonly ErrorCode InvalidTaskReverse = Bad("invalid_task_reverse");
    public static readonly ErrorCode InvalidTaskBeforeEnqueuedAt = Bad("invalid_task_before_enqueued_at");
    public static readonly ErrorCode InvalidTaskAfterEnqueuedAt = Bad("invalid_task_after_enqueued_at");
    public static readonly ErrorCode InvalidTaskBeforeStartedAt = Bad("invalid_task_before_started_at");
    public static readonly ErrorCode InvalidTaskAfterStartedAt = Bad("invalid_task_after_started_at");
    public static readonly ErrorCode InvalidTaskBeforeFinishedAt = Bad("invalid_task_before_finished_at");
    public static readonly ErrorCode InvalidTaskAfterFinishedAt = Bad("invalid_task_after_finished_at");

    // Keys
    public static readonly ErrorCode ApiKeyNotFound = new("api_key_not_found", ErrorType.InvalidRequest, 404);
    public static readonly ErrorCode ApiKeyAlreadyExists = new("api_key_already_exists", ErrorType.InvalidRequest, 409);
    public static readonly ErrorCode InvalidApiKeyActions = Bad("invalid_api_key_actions");
    public static readonly ErrorCode InvalidApiKeyIndexes = Bad("invalid_api_key_indexes");
    public static readonly ErrorCode InvalidApiKeyExpiresAt = Bad("invalid_api_key_expires_at");
    public static readonly ErrorCode InvalidApiKeyDescription = Bad("invalid_api_key_description");
    public static readonly ErrorCode InvalidApiKeyName = Bad("invalid_api_key_name");
    public static readonly ErrorCode InvalidApiKeyUid = Bad("invalid_api_key_uid");
    public static readonly ErrorCode InvalidApiKeyLimit = Bad("invalid_api_key_limit");
    public static readonly ErrorCode InvalidApiKeyOffset = Bad("invalid_api_key_offset");
    public static readonly ErrorCode MissingApiKeyActions = Bad("missing_api_key_actions");
    public static readonly ErrorCode MissingApiKeyIndexes = Bad("missing_api_key_indexes");
    public static readonly ErrorCode MissingApiKeyExpiresAt = Bad("missing_api_key_expires_at");
    public static readonly ErrorCode ImmutableApiKeyUid = Bad("immutable_api_key_uid");
    public static readonly ErrorCode ImmutableApiKeyKey = Bad("immutable_api_key_key");
    public static readonly ErrorCode ImmutableApiKeyActions = Bad("immutable_api_key_actions");
    public static readonly ErrorCode ImmutableApiKeyIndexes = Bad("immutable_api_key_indexes");
    public static readonly ErrorCode ImmutableApiKeyExpiresAt = Bad("immutable_api_key_expires_at");
    public static readonly ErrorCode ImmutableApiKeyCreatedAt = Bad("immutable_api_key_created_at");
    public static readonly ErrorCode ImmutableApiKeyUpdatedAt = Bad("immutable_api_key_updated_at");
}
