"""The legacy management plane v1 through the official SDK's v1 client (huaweicloudsdkges.v1).

Same environment as test_interop.py. Counts are scoped to graph `movie` (the demo import) or to
graphs these tests create, so they hold whatever ran before.
"""

import datetime
import os
import time

import pytest
from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException
from huaweicloudsdkcore.http.http_config import HttpConfig
from huaweicloudsdkges.v1 import (
    ClearGraphRequest,
    CreateGraphReq,
    CreateGraphRequest,
    GesClient,
    Graph,
    ImportGraphReq,
    ImportGraphRequest,
    ListGraphsRequest,
    ListJobsRequest,
    ParallelEdge,
    ShowGraphRequest,
    ShowJobRequest,
)

ENDPOINT = os.environ["GJ_ENDPOINT"]
PROJECT = os.environ["GJ_PROJECT"]
IMPORT_JOB = os.environ["GJ_IMPORT_JOB"]


@pytest.fixture(scope="module")
def ges():
    config = HttpConfig.get_default_config()
    config.retry_times = 0
    credentials = BasicCredentials(os.environ["GJ_AK"], os.environ["GJ_SK"], PROJECT)
    return GesClient.new_builder().with_http_config(config).with_credentials(credentials).with_endpoints([ENDPOINT]).build()


def test_v1_list_jobs_finds_the_demo_import(ges):
    resp = ges.list_jobs(ListJobsRequest())
    job = next(j for j in resp.job_list if j.job_id == IMPORT_JOB)
    assert (job.status, job.job_type, job.job_name, job.related_graph) == ("success", "GraphManagement", "ImportGraph", "movie")
    datetime.datetime.strptime(job.begin_time, "%Y-%m-%dT%H:%M:%S")


@pytest.mark.parametrize(
    "kwargs,expected",
    [
        ({"status": "success"}, 1),
        ({"status": "waiting"}, 0),
        ({"status": "running"}, 0),
        ({"status": "failed"}, 0),
        ({"start_time": datetime.date.today().isoformat()}, 1),
        ({"end_time": "2000-01-01"}, 0),
        ({"start_time": "2000-01-01", "end_time": datetime.date.today().isoformat()}, 1),
        ({"limit": 1, "offset": 0}, 1),
    ],
)
def test_v1_list_jobs_with_each_filter(ges, kwargs, expected):
    resp = ges.list_jobs(ListJobsRequest(graph_name="movie", **kwargs))
    assert resp.job_count == expected, resp
    if expected:
        assert resp.job_list[0].job_id == IMPORT_JOB


def test_v1_show_job_with_import_detail(ges):
    job = ges.show_job(ShowJobRequest(graph_id="movie", job_id=IMPORT_JOB))
    assert job.status == "success"
    assert job.job_detail.edgeset_path[0].status == "success"
    assert job.job_detail.edgeset_path[0].path.endswith("edges.csv")


def test_v1_unknown_job_raises_with_the_ges_code(ges):
    with pytest.raises(ClientRequestException) as err:
        ges.show_job(ShowJobRequest(graph_id="movie", job_id="ff80808167bb90340167bc3c7b5b026a"))
    assert err.value.status_code == 400
    assert err.value.error_code == "GES.7007"


def test_v1_bad_status_filter_raises(ges):
    with pytest.raises(ClientRequestException) as err:
        ges.list_jobs(ListJobsRequest(status="finished"))
    assert err.value.error_code == "GES.0001"
    assert "status" in err.value.error_msg


def _wait(ges, graph_id, job_id):
    for _ in range(200):
        job = ges.show_job(ShowJobRequest(graph_id=graph_id, job_id=job_id))
        if job.status in ("success", "failed", "partiallyFailed"):
            return job
        time.sleep(0.05)
    raise AssertionError(f"job {job_id} did not finish")


def test_v1_create_import_show_list_and_clear_a_graph(ges):
    created = ges.create_graph(CreateGraphRequest(body=CreateGraphReq(graph=Graph(name="legacygraph"))))
    assert (created.id, created.name) == ("legacygraph", "legacygraph")
    create_job = ges.list_jobs(ListJobsRequest(graph_name="legacygraph")).job_list[0].job_id
    assert _wait(ges, "legacygraph", create_job).job_name == "CreateGraph"

    demo = os.path.join(os.environ["GJ_DATA_DIR"], "demo", "movie")
    body = ImportGraphReq(
        schema_path="file://" + os.path.join(demo, "schema.xml"),
        vertexset_path="file://" + os.path.join(demo, "vertices.csv"),
        edgeset_path="file://" + os.path.join(demo, "edges.csv"),
        parallel_edge=ParallelEdge(action="allow", ignore_label=True),
    )
    resp = ges.import_graph(ImportGraphRequest(graph_id="legacygraph", action_id="import-graph", body=body))
    job = _wait(ges, "legacygraph", resp.job_id)
    assert job.status == "success"
    assert job.job_detail.vertexset_path[0].status == "success"

    shown = ges.show_graph(ShowGraphRequest(graph_id="legacygraph"))
    assert shown.graph.name == "legacygraph"
    assert shown.graph.status == "200"
    graphs = ges.list_graphs(ListGraphsRequest())
    assert "legacygraph" in [g.name for g in graphs.graphs]
    assert graphs.graph_count == len(graphs.graphs)

    cleared = ges.clear_graph(ClearGraphRequest(graph_id="legacygraph", action_id="clear-graph", clear_metadata=False))
    assert _wait(ges, "legacygraph", cleared.job_id).status == "success"


def test_v1_import_into_a_missing_graph_raises(ges):
    with pytest.raises(ClientRequestException) as err:
        ges.import_graph(ImportGraphRequest(graph_id="nosuchgraph", action_id="import-graph", body=ImportGraphReq(edgeset_path="file:///x.csv")))
    assert err.value.status_code == 400
    assert err.value.error_code == "GES.7000"
