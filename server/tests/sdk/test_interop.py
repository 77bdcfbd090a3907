"""Drives a running graphjobs server with the unmodified official Huawei Cloud Python SDKs.

scripts/system/sdk_interop.sh starts the server (demo graph imported), creates an AK/SK for project
`demo`, and passes them in GJ_ENDPOINT, GJ_PROJECT, GJ_AK, GJ_SK and GJ_IMPORT_JOB.
"""

import datetime
import os

import pytest
from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException
from huaweicloudsdkcore.http.http_config import HttpConfig

import huaweicloudsdkges.v2 as ges_v2
from huaweicloudsdkbms.v1 import BmsClient, ShowJobInfosRequest
from huaweicloudsdkges.v2 import GesClient, ListJobs2Request, ShowJob2Request

ENDPOINT = os.environ["GJ_ENDPOINT"]
PROJECT = os.environ["GJ_PROJECT"]
AK = os.environ["GJ_AK"]
SK = os.environ["GJ_SK"]
IMPORT_JOB = os.environ["GJ_IMPORT_JOB"]


def client(cls, sk=SK, project=PROJECT):
    config = HttpConfig.get_default_config()
    config.retry_times = 0
    credentials = BasicCredentials(AK, sk, project)
    return cls.new_builder().with_http_config(config).with_credentials(credentials).with_endpoints([ENDPOINT]).build()


@pytest.fixture(scope="module")
def ges():
    return client(GesClient)


def test_list_jobs_without_filters(ges):
    resp = ges.list_jobs2(ListJobs2Request())
    assert resp.job_count >= 1
    job = next(j for j in resp.job_list if j.job_id == IMPORT_JOB)
    assert job.status == "success"
    assert job.job_type == "GraphManagement"
    assert job.job_name == "ImportGraph"
    assert job.related_graph == "movie"
    datetime.datetime.strptime(job.begin_time, "%Y-%m-%dT%H:%M:%S")


@pytest.mark.parametrize(
    "kwargs,expected",
    [
        ({"status": "success"}, 1),
        ({"status": "waiting"}, 0),
        ({"status": "running"}, 0),
        ({"status": "failed"}, 0),
        ({"status": "partiallyFailed"}, 0),
        ({"graph_name": "movie"}, 1),
        ({"graph_name": "no_such_graph"}, 0),
        ({"start_time": datetime.date.today().isoformat()}, 1),
        ({"end_time": "2000-01-01"}, 0),
        ({"limit": "1", "offset": "0"}, 1),
        ({"limit": "5", "offset": "1"}, 1),
    ],
)
def test_list_jobs_with_each_filter(ges, kwargs, expected):
    resp = ges.list_jobs2(ListJobs2Request(**kwargs))
    assert resp.job_count == expected, resp
    if "offset" in kwargs and kwargs["offset"] == "1":
        assert resp.job_list == [] or resp.job_list is None
    elif expected:
        assert resp.job_list[0].job_id == IMPORT_JOB


def test_show_job_with_import_detail(ges):
    job = ges.show_job2(ShowJob2Request(graph_id="movie", job_id=IMPORT_JOB))
    assert job.status == "success"
    assert job.job_name == "ImportGraph"
    edges = job.job_detail.edgeset_path[0]
    assert edges.status == "success"
    assert edges.successful_lines > 10000
    assert edges.failed_lines == 0


def test_show_unknown_job_raises_with_the_ges_code(ges):
    with pytest.raises(ClientRequestException) as err:
        ges.show_job2(ShowJob2Request(graph_id="movie", job_id="ff80808167bb90340167bc3c7b5b026a"))
    assert err.value.status_code == 400
    assert err.value.error_code == "GES.7007"


def test_bad_filter_raises_ges_0001(ges):
    with pytest.raises(ClientRequestException) as err:
        ges.list_jobs2(ListJobs2Request(status="finished"))
    assert err.value.error_code == "GES.0001"
    assert "status" in err.value.error_msg


def test_wrong_secret_key_is_refused():
    with pytest.raises(ClientRequestException) as err:
        client(GesClient, sk="0" * 64).list_jobs2(ListJobs2Request())
    assert err.value.status_code == 401
    assert err.value.error_code == "GES.8007"


def test_bms_show_job_infos_reads_the_generic_job_query():
    bms = client(BmsClient)
    resp = bms.show_job_infos(ShowJobInfosRequest(job_id=IMPORT_JOB))
    assert resp.status == "SUCCESS"
    assert resp.job_id == IMPORT_JOB
    assert resp.error_code is None
    assert resp.entities.sub_jobs_total == 3
    assert [s.job_type for s in resp.entities.sub_jobs] == ["importSchemaFile", "importVertexFile", "importEdgeFile"]
    assert all(s.status == "SUCCESS" for s in resp.entities.sub_jobs)


def test_bms_unknown_job_raises():
    with pytest.raises(ClientRequestException) as err:
        client(BmsClient).show_job_infos(ShowJobInfosRequest(job_id="missing"))
    assert err.value.status_code == 404
    assert err.value.error_code == "GES.7007"


# Graph lifecycle through the SDK (kept last: it adds jobs the counts above do not expect).

def _wait_job(ges, graph_id, job_id):
    import time

    from huaweicloudsdkges.v2 import ShowJob2Request

    for _ in range(200):
        job = ges.show_job2(ShowJob2Request(graph_id=graph_id, job_id=job_id))
        if job.status in ("success", "failed", "partiallyFailed"):
            return job
        time.sleep(0.05)
    raise AssertionError(f"job {job_id} did not finish")


def test_zz_create_import_and_list_graphs(ges):
    from huaweicloudsdkges.v2 import (
        CreateGraph2Request,
        CreateGraphReq,
        CreateGraphReqGraph,
        ImportGraph2Request,
        ImportGraphReq,
        ListGraphs2Request,
    )

    created = ges.create_graph2(CreateGraph2Request(body=CreateGraphReq(graph=CreateGraphReqGraph(name="sdkgraph"))))
    assert created.id == "sdkgraph"
    assert created.name == "sdkgraph"
    job_id = created.to_dict().get("job_id") or ges.list_jobs2(ListJobs2Request(graph_name="sdkgraph")).job_list[0].job_id
    assert _wait_job(ges, "sdkgraph", job_id).status == "success"

    demo = os.path.join(os.environ["GJ_DATA_DIR"], "demo", "movie")
    body = ImportGraphReq(
        schema_path="file://" + os.path.join(demo, "schema.xml"),
        vertexset_path="file://" + os.path.join(demo, "vertices.csv"),
        edgeset_path="file://" + os.path.join(demo, "edges.csv"),
    )
    resp = ges.import_graph2(ImportGraph2Request(graph_id="sdkgraph", body=body))
    job = _wait_job(ges, "sdkgraph", resp.job_id)
    assert job.status == "success"
    assert job.job_detail.vertexset_path[0].successful_lines == 4018

    graphs = ges.list_graphs2(ListGraphs2Request())
    assert graphs.graph_count == 2
    assert sorted(g.name for g in graphs.graphs) == ["movie", "sdkgraph"]
    assert all(g.status == "200" for g in graphs.graphs)


@pytest.mark.parametrize(
    "method,request_class,action",
    [
        ("start_graph2", "StartGraph2Request", "start"),
        ("stop_graph2", "StopGraph2Request", "stop"),
        ("restart_graph2", "RestartGraph2Request", "restart"),
        ("upgrade_graph2", "UpgradeGraph2Request", "upgrade"),
        ("resize_graph2", "ResizeGraph2Request", "resize"),
        ("expand_graph2", "ExpandGraph2Request", "expand"),
        ("create_backup2", "CreateBackup2Request", "backups"),
        ("attach_eip2", "AttachEip2Request", "bind-eip"),
        ("detach_eip2", "DetachEip2Request", "unbind-eip"),
    ],
)
def test_instance_actions_raise_operation_not_supported(ges, method, request_class, action):
    # graphjobs graphs are no instances: each action the SDK sends is refused with GES.7009,
    # naming the action and why.
    with pytest.raises(ClientRequestException) as err:
        getattr(ges, method)(getattr(ges_v2, request_class)(graph_id="movie"))
    assert err.value.status_code == 400
    assert err.value.error_code == "GES.7009"
    assert err.value.error_msg.startswith(f"[{action}] is not supported: ")
