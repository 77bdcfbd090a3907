"""The audit log read with the unmodified official Cloud Trace Service SDK (huaweicloudsdkcts v3),
signed with AK/SK: an action done earlier through the GES SDK with the same key is listed with
its actor, target and outcome; paging follows `meta_data.marker`; a bad limit is CTS.0003.

scripts/system/sdk_interop.sh starts the server and passes GJ_ENDPOINT, GJ_PROJECT, GJ_AK, GJ_SK
(an admin access key: only an admin may read the audit log). Named to run last: it adds jobs,
which the other files' job counts do not expect.
"""

import os
import time

import pytest
from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException
from huaweicloudsdkcore.http.http_config import HttpConfig

from huaweicloudsdkcts.v3 import CtsClient, ListTracesRequest
from huaweicloudsdkges.v2 import GesClient, ListJobs2Request, ShowJob2Request

ENDPOINT = os.environ["GJ_ENDPOINT"]
PROJECT = os.environ["GJ_PROJECT"]
AK = os.environ["GJ_AK"]
SK = os.environ["GJ_SK"]


def client(cls):
    config = HttpConfig.get_default_config()
    config.retry_times = 0
    credentials = BasicCredentials(AK, SK, PROJECT)
    return cls.new_builder().with_http_config(config).with_credentials(credentials).with_endpoints([ENDPOINT]).build()


@pytest.fixture(scope="module")
def cts():
    return client(CtsClient)


def _wait(ges, graph, job_id):
    for _ in range(400):
        job = ges.show_job2(ShowJob2Request(graph_id=graph, job_id=job_id))
        if job.status in ("success", "failed", "partiallyFailed"):
            return job
        time.sleep(0.05)
    raise AssertionError(f"job {job_id} did not finish")


def test_an_action_done_through_the_ges_sdk_is_in_the_trace_list(cts):
    from huaweicloudsdkges.v2 import CreateGraph2Request, CreateGraphReq, CreateGraphReqGraph, DeleteGraph2Request

    ges = client(GesClient)
    started = int(time.time() * 1000) - 1
    created = ges.create_graph2(CreateGraph2Request(body=CreateGraphReq(graph=CreateGraphReqGraph(name="ctsgraph"))))
    job_id = created.to_dict().get("job_id") or ges.list_jobs2(ListJobs2Request(graph_name="ctsgraph")).job_list[0].job_id
    assert _wait(ges, "ctsgraph", job_id).status == "success"
    # Deleted again: the project keeps the graphs it had.
    deleted = ges.delete_graph2(DeleteGraph2Request(graph_id="ctsgraph"))
    assert _wait(ges, "ctsgraph", deleted.job_id).status == "success"

    resp = cts.list_traces(ListTracesRequest(trace_type="system", _from=started, limit=200, resource_name="ctsgraph"))
    assert resp.meta_data.count == len(resp.traces) == 2, resp
    delete, create = resp.traces
    assert (delete.trace_name, create.trace_name) == ("deleteGraph", "createGraph")
    for trace in (delete, create):
        assert trace.trace_type == "ApiCall"
        assert trace.trace_rating == "normal"
        assert trace.service_type == "GES"
        assert trace.resource_type == "graph"
        assert trace.code == "200"
        assert trace.source_ip == "127.0.0.1"
        assert trace.request_id
        assert trace.time >= started and trace.record_time >= trace.time
        assert trace.user.id == AK
        assert trace.user.access_key_id == AK
        assert trace.user.domain.id == PROJECT
        assert SK not in str(trace.to_dict())
    assert create.resource_id == "ctsgraph"


def test_pages_follow_the_marker_and_filters_apply(cts):
    first = cts.list_traces(ListTracesRequest(trace_type="system", limit=1))
    assert first.meta_data.count == 1
    marker = first.meta_data.marker
    assert marker == first.traces[0].trace_id
    second = cts.list_traces(ListTracesRequest(trace_type="system", limit=1, next=marker))
    assert second.traces[0].trace_id != marker
    assert second.traces[0].record_time <= first.traces[0].record_time
    by_name = cts.list_traces(ListTracesRequest(trace_type="system", trace_name="createGraph", limit=200))
    assert by_name.traces and all(t.trace_name == "createGraph" for t in by_name.traces)
    by_rating = cts.list_traces(ListTracesRequest(trace_type="system", trace_rating="incident", limit=200))
    assert by_rating.meta_data.count == 0


def test_a_bad_limit_is_refused_with_cts_0003(cts):
    with pytest.raises(ClientRequestException) as raised:
        cts.list_traces(ListTracesRequest(trace_type="system", limit=0))
    assert raised.value.status_code == 400
    assert raised.value.error_code == "CTS.0003"
    assert "limit" in raised.value.error_msg
